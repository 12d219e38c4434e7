package uk.childvoice.intake.service;

import java.time.Instant;

/** What a child's browser gets back for an accepted response; the same for every repeat of its submission id. */
public record Receipt(String submissionId, String questionnaireId, int questionnaireVersion, String status, Instant receivedAt) {

    public static Receipt accepted(String submissionId, String questionnaireId, int questionnaireVersion, Instant receivedAt) {
        return new Receipt(submissionId, questionnaireId, questionnaireVersion, "ACCEPTED", receivedAt);
    }
}
