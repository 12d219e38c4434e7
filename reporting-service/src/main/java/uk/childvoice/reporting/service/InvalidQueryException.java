package uk.childvoice.reporting.service;

import java.util.List;

/** A request the service will not answer; each violation names its parameter. Mapped to a 400 problem. */
public class InvalidQueryException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidQueryException(List<Violation> violations) {
        super(violations.size() + " invalid parameter(s)");
        this.violations = List.copyOf(violations);
    }

    public InvalidQueryException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One invalid parameter. */
    public record Violation(String field, String message) {
    }
}
