package uk.childvoice.intake.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.intake.service.QuestionnaireCatalog;
import uk.childvoice.intake.service.ResponseValidator;

class RawResponseEventMapperTest {
    static final String OLD = FieldCipher.generateKey();
    static final String NEW = FieldCipher.generateKey();
    // Rotation: k2 is active, k1 still in the ring for reading.
    final FieldCipher cipher = FieldCipher.fromKeyring("k2", "k1:" + OLD + ",k2:" + NEW);
    final RawResponseEventMapper mapper = new RawResponseEventMapper(cipher);
    final ResponseValidator validator = new ResponseValidator(new QuestionnaireCatalog(new com.fasterxml.jackson.databind.ObjectMapper()));

    RawResponseEvent event(ObjectNode body) {
        return mapper.toEvent(validator.validate("13-17", body), Instant.parse("2026-11-22T12:00:00Z"));
    }

    @Test
    void encryptsPostcodeSchoolAndFreeTextWithTheAgreedFieldNames() {
        RawResponseEvent e = event(example());
        String id = e.getResponseId();
        assertThat(e.getPostcodeStatus()).isEqualTo(AnswerStatus.ANSWERED);
        assertThat(cipher.decrypt(e.getPostcode(), id, "postcode")).isEqualTo("SM3 8JD");
        assertThat(cipher.decrypt(e.getSchool(), id, "school")).isEqualTo("Greenshaw High School");
        EncryptedTextAnswer job = e.getFreeText().stream().filter(t -> t.getQuestionId().equals("futureJob")).findFirst().orElseThrow();
        assertThat(cipher.decrypt(job.getText(), id, "freeText/futureJob")).contains("07700 900123").contains("sam.jones@example.com");
        assertThat(e.getPostcode().getKeyId()).isEqualTo("k2");
        assertThatThrownBy(() -> cipher.decrypt(e.getPostcode(), id, "school")).isInstanceOf(FieldDecryptionException.class);
    }

    @Test
    void theEncodedEventHoldsNoPlaintextPersonalField() {
        byte[] bytes = EventCodec.RAW.encode(event(example()));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("SM3").doesNotContain("Greenshaw").doesNotContain("07700").doesNotContain("example.com")
                .doesNotContain("youth clubs");
    }

    @Test
    void carriesEveryQuestionWithATypedStatus() {
        ObjectNode body = example();
        ((ObjectNode) body.get("answers")).remove("gender");
        RawResponseEvent e = event(body);
        assertThat(e.getResponseId()).isEqualTo("3f1c2a9e-7b4d-4e8a-9c21-5d6f0a1b2c3d");
        assertThat(e.getQuestionnaireId()).isEqualTo("13-17");
        assertThat(e.getQuestionnaireVersion()).isEqualTo(1);
        assertThat(e.getAge()).isEqualTo(15);
        assertThat(choice(e, "gender").getStatus()).isEqualTo(AnswerStatus.NOT_ANSWERED);
        assertThat(choice(e, "supportReceived").getCodes()).containsExactly("teacher", "counsellor_therapist");
        assertThat(choice(e, "localCouncil").getCodes()).containsExactly("E09000029");
        EncryptedTextAnswer anythingElse = e.getFreeText().stream().filter(t -> t.getQuestionId().equals("anythingElse")).findFirst().orElseThrow();
        assertThat(anythingElse.getStatus()).isEqualTo(AnswerStatus.PREFER_NOT_TO_SAY);
        assertThat(anythingElse.getText()).isNull();
        assertThat(e.getFreeText()).extracting(EncryptedTextAnswer::getQuestionId)
                .containsExactly("futureJob", "barriersText", "improveAfterCovid", "anythingElse");
    }

    @Test
    void marksSecureSettingsAndPostcodeAndSchoolNotAsked() {
        ObjectNode body = example();
        ObjectNode answers = (ObjectNode) body.get("answers");
        answers.putObject("livingSituation").put("value", "inpatient_mental_health");
        answers.remove(List.of("postcode", "school"));
        RawResponseEvent e = event(body);
        assertThat(e.getSecureSetting()).isTrue();
        assertThat(e.getPostcodeStatus()).isEqualTo(AnswerStatus.NOT_ASKED);
        assertThat(e.getSchoolStatus()).isEqualTo(AnswerStatus.NOT_ASKED);
        assertThat(e.getPostcode()).isNull();
        assertThat(e.getSchool()).isNull();
    }

    static ObjectNode example() {
        return uk.childvoice.intake.Examples.complete1317();
    }

    static ChoiceAnswer choice(RawResponseEvent e, String id) {
        return e.getChoices().stream().filter(c -> c.getQuestionId().equals(id)).findFirst().orElseThrow();
    }
}
