package uk.childvoice.intake.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.EncryptedValue;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.intake.config.IntakeConfig;
import uk.childvoice.intake.service.Answer;
import uk.childvoice.intake.service.Question;
import uk.childvoice.intake.service.QuestionType;
import uk.childvoice.intake.service.ValidatedResponse;

/**
 * Turns a validated response into the raw event: every question of the definition appears with a
 * typed status, and the postcode, the school and each free-text answer are field-encrypted.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RawResponseEventMapper {
    /** AAD field names agreed with the geography service and the anonymiser. */
    public static final String POSTCODE_FIELD = "postcode";
    public static final String SCHOOL_FIELD = "school";
    public static final String FREE_TEXT_PREFIX = "freeText/";

    private final FieldCipher cipher;

    @Inject
    public RawResponseEventMapper(IntakeConfig config) {
        this(FieldCipher.fromKeyring(config.fieldEncryption().activeKeyId(), config.fieldEncryption().keyring()));
    }

    public RawResponseEventMapper(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public RawResponseEvent toEvent(ValidatedResponse response, Instant submittedAt) {
        String id = response.submissionId();
        boolean secure = response.secureSetting();
        RawResponseEvent.Builder event = RawResponseEvent.newBuilder()
                .setResponseId(id)
                .setQuestionnaireId(response.questionnaire().id())
                .setQuestionnaireVersion(response.questionnaire().version())
                .setSubmittedAt(submittedAt)
                .setSecureSetting(secure)
                .setAgeStatus(AnswerStatus.NOT_ANSWERED)
                .setPostcodeStatus(secure ? AnswerStatus.NOT_ASKED : AnswerStatus.NOT_ANSWERED)
                .setSchoolStatus(secure ? AnswerStatus.NOT_ASKED : AnswerStatus.NOT_ANSWERED);
        List<ChoiceAnswer> choices = new ArrayList<>();
        List<EncryptedTextAnswer> freeText = new ArrayList<>();
        for (Question q : response.questionnaire().questions().values()) {
            Answer a = response.answers().get(q.id());
            AnswerStatus status = a == null ? AnswerStatus.NOT_ANSWERED : a.status();
            boolean answered = status == AnswerStatus.ANSWERED;
            if (q.type().isChoice()) {
                choices.add(new ChoiceAnswer(q.id(), status, answered ? a.codes() : List.of()));
            } else if (q.type() == QuestionType.FREE_TEXT) {
                freeText.add(new EncryptedTextAnswer(q.id(), status,
                        answered ? cipher.encrypt(a.text(), id, FREE_TEXT_PREFIX + q.id()) : null));
            } else if (q.type() == QuestionType.AGE) {
                event.setAgeStatus(status).setAge(answered ? a.number() : null);
            } else if (q.type() == QuestionType.POSTCODE && !secure) {
                event.setPostcodeStatus(status).setPostcode(answered ? encrypt(a, id, POSTCODE_FIELD) : null);
            } else if (q.type() == QuestionType.SCHOOL && !secure) {
                event.setSchoolStatus(status).setSchool(answered ? encrypt(a, id, SCHOOL_FIELD) : null);
            }
        }
        return event.setChoices(choices).setFreeText(freeText).build();
    }

    private EncryptedValue encrypt(Answer a, String responseId, String field) {
        return cipher.encrypt(a.text(), responseId, field);
    }

    /** For tests and tools: the question id a free-text AAD field name belongs to. */
    public static String freeTextField(String questionId) {
        return FREE_TEXT_PREFIX + questionId;
    }

}
