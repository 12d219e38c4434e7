package uk.childvoice.intake.service;

/** The same submission id is being published right now (by another request or replica): retry shortly. */
public class SubmissionInProgressException extends RuntimeException {
    public SubmissionInProgressException() {
        super("submission in progress", null, false, false);
    }
}
