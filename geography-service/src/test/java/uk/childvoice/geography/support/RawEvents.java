package uk.childvoice.geography.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.RawResponseEvent;

/** Raw response events as survey-intake writes them, for tests. */
public final class RawEvents {
    private RawEvents() {
    }

    /** A 13-17 response with the given postcode (null: not answered), school and one free-text answer. */
    public static RawResponseEvent withPostcode(String postcode) {
        String id = UUID.randomUUID().toString();
        RawResponseEvent.Builder b = base(id);
        if (postcode != null) {
            b.setPostcodeStatus(AnswerStatus.ANSWERED).setPostcode(FieldKeysResource.cipher().encrypt(postcode, id, "postcode"));
        }
        return b.build();
    }

    public static RawResponseEvent.Builder base(String id) {
        return RawResponseEvent.newBuilder()
                .setResponseId(id)
                .setQuestionnaireId("13-17")
                .setQuestionnaireVersion(1)
                .setSubmittedAt(Instant.parse("2026-11-22T10:00:00Z"))
                .setAgeStatus(AnswerStatus.ANSWERED)
                .setAge(15)
                .setSecureSetting(false)
                .setChoices(List.of(new ChoiceAnswer("gender", AnswerStatus.ANSWERED, List.of("girl"))))
                .setPostcodeStatus(AnswerStatus.NOT_ANSWERED)
                .setPostcode(null)
                .setSchoolStatus(AnswerStatus.ANSWERED)
                .setSchool(FieldKeysResource.cipher().encrypt("Cheam High School", id, "school"))
                .setFreeText(List.of(new EncryptedTextAnswer("aspirations", AnswerStatus.ANSWERED,
                        FieldKeysResource.cipher().encrypt("I want to be a vet", id, "freeText/aspirations"))));
    }

    public static ChoiceAnswer localCouncil(String code) {
        return new ChoiceAnswer("localCouncil", AnswerStatus.ANSWERED, List.of(code));
    }
}
