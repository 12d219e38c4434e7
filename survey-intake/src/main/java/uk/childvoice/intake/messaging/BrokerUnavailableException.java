package uk.childvoice.intake.messaging;

/** Kafka did not acknowledge the write in time: answered 503 with {@code Retry-After}, never 202. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
