package uk.childvoice.intake.service;

/** The path names a questionnaire that does not exist: 404. */
public class UnknownQuestionnaireException extends RuntimeException {
    public UnknownQuestionnaireException(String id) {
        super("no questionnaire " + id, null, false, false);
    }
}
