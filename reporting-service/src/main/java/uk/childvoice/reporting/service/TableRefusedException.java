package uk.childvoice.reporting.service;

/** A valid table that would disclose too much (too sparse for its population); mapped to a 422 problem. */
public class TableRefusedException extends RuntimeException {
    public TableRefusedException(String message) {
        super(message);
    }
}
