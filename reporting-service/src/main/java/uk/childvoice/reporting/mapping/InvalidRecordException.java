package uk.childvoice.reporting.mapping;

/** A de-identified event that decodes but cannot be stored; its message names the field, never a value. */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String reason) {
        super(reason);
    }
}
