package uk.childvoice.contracts.codec;

/** A message that cannot be decoded; the message text is a reason safe to log and to put on a dead-letter record. */
public class EventDecodingException extends RuntimeException {
    public EventDecodingException(String reason) {
        super(reason, null, false, false);
    }
}
