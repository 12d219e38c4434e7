package uk.childvoice.intake.service;

/** Two saves of one session raced; the later one is refused rather than losing the earlier one: 409. */
public class SessionConflictException extends RuntimeException {
    public SessionConflictException() {
        super("session changed concurrently", null, false, false);
    }
}
