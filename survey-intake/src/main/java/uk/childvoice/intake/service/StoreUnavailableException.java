package uk.childvoice.intake.service;

/** PostgreSQL could not be reached: answered 503 with {@code Retry-After}, nothing published. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(Throwable cause) {
        super("store unavailable: " + cause.getClass().getSimpleName(), cause, false, false);
    }
}
