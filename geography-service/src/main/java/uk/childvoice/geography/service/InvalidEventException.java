package uk.childvoice.geography.service;

/** A raw event that decodes but breaks the contract; the message is a reason safe to log (no payload). */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
