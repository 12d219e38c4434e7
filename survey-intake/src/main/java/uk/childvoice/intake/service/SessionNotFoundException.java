package uk.childvoice.intake.service;

/** Wrong, expired or already submitted access code: 404 (the same answer for each, so codes cannot be probed). */
public class SessionNotFoundException extends RuntimeException {
    public SessionNotFoundException() {
        super("no such session", null, false, false);
    }
}
