package uk.childvoice.geography.messaging;

/** Why a raw record went to the dead-letter topic; the message is safe to log (kinds and ids, no payload). */
public class DeadLetterReason extends RuntimeException {
    public DeadLetterReason(String reason) {
        super(reason, null, false, false);
    }
}
