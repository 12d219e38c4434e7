package uk.childvoice.benchmark.generator;

/**
 * One generated response, ready to POST to {@code /api/v1/questionnaires/{questionnaireId}/responses}.
 *
 * @param body the JSON request body (UTF-8)
 * @param postcodeKind what the postcode answer is, so a run can say what geography should make of it
 * @param secureSetting whether the respondent lives in a secure setting (no postcode, no school)
 * @param identifyingTexts free-text answers carrying a name, phone, e-mail, school or address
 * @param safeguardingTexts free-text answers carrying a disclosure
 */
public record SyntheticResponse(String questionnaireId, String submissionId, byte[] body, PostcodeKind postcodeKind,
        boolean secureSetting, int identifyingTexts, int safeguardingTexts) {

    /** The postcode answer's kind. */
    public enum PostcodeKind { ENGLAND, ENGLAND_TERMINATED, WALES, OTHER_NOT_ENGLAND, NO_GEOGRAPHY, NOT_IN_DIRECTORY,
        PREFER_NOT_TO_SAY, NOT_ANSWERED, NOT_ASKED }

    /** The request path relative to the intake's base URL. */
    public String path() {
        return "/api/v1/questionnaires/" + questionnaireId + "/responses";
    }
}
