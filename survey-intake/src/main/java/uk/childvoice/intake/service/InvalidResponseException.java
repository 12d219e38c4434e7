package uk.childvoice.intake.service;

import java.util.List;

/** Bad input: every invalid field at once, answered as 400 problem+json. */
public class InvalidResponseException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidResponseException(List<Violation> violations) {
        super(violations.size() + " invalid field(s)", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
