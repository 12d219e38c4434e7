package uk.childvoice.anonymiser.messaging;

/** Why a record went to the dead-letter topic; the message is a reason only, never payload content. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String reason) {
        super(reason, null, false, false);
    }
}
