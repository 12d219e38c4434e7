package uk.childvoice.intake.service;

import java.util.Map;

/** A response that passed every rule: the questionnaire it answers and its answers by question id. */
public record ValidatedResponse(String submissionId, Questionnaire questionnaire, Map<String, Answer> answers,
        boolean secureSetting) {
}
