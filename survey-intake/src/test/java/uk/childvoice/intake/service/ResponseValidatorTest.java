package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.childvoice.contracts.v1.AnswerStatus;

class ResponseValidatorTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final ResponseValidator validator = new ResponseValidator(QuestionnaireCatalogTest.CATALOG);

    static ObjectNode example() {
        return uk.childvoice.intake.Examples.complete1317();
    }

    static ObjectNode answers(ObjectNode body) {
        return (ObjectNode) body.get("answers");
    }

    List<String> pointers(ObjectNode body) {
        try {
            validator.validate("13-17", body);
        } catch (InvalidResponseException e) {
            return e.violations().stream().map(Violation::pointer).toList();
        }
        throw new AssertionError("expected the response to be rejected");
    }

    @Test
    void acceptsTheCompleteExample() {
        ValidatedResponse r = validator.validate("13-17", example());
        assertThat(r.submissionId()).isEqualTo("3f1c2a9e-7b4d-4e8a-9c21-5d6f0a1b2c3d");
        assertThat(r.answers().get("postcode").text()).isEqualTo("SM3 8JD");
        assertThat(r.answers().get("age").number()).isEqualTo(15);
        assertThat(r.answers().get("anythingElse").status()).isEqualTo(AnswerStatus.PREFER_NOT_TO_SAY);
        assertThat(r.secureSetting()).isFalse();
    }

    @Test
    void normalisesThePostcode() {
        ObjectNode body = example();
        answers(body).putObject("postcode").put("value", " sm38jd ");
        assertThat(validator.validate("13-17", body).answers().get("postcode").text()).isEqualTo("SM3 8JD");
    }

    @Test
    void rejectsUnknownQuestion() {
        ObjectNode body = example();
        answers(body).putObject("favouriteColour").put("value", "blue");
        assertThat(pointers(body)).containsExactly("/answers/favouriteColour");
    }

    @Test
    void rejectsWrongTypes() {
        ObjectNode body = example();
        answers(body).putObject("age").put("value", "fifteen");
        answers(body).putObject("gender").putArray("value").add("girl");
        answers(body).putObject("barriers").put("value", "money");
        answers(body).putObject("futureJob").put("value", 42);
        assertThat(pointers(body)).containsExactlyInAnyOrder("/answers/age/value", "/answers/gender/value",
                "/answers/barriers/value", "/answers/futureJob/value");
    }

    @Test
    void rejectsOptionsNotInTheList() {
        ObjectNode body = example();
        answers(body).putObject("gender").put("value", "dragon");
        answers(body).putObject("supportReceived").putArray("value").add("teacher").add("wizard");
        answers(body).putObject("localCouncil").put("value", "W06000015");
        assertThat(pointers(body)).containsExactlyInAnyOrder("/answers/gender/value", "/answers/supportReceived/value/1",
                "/answers/localCouncil/value");
    }

    @Test
    void rejectsFreeTextOverTheLimit() {
        ObjectNode body = example();
        answers(body).putObject("futureJob").put("value", "a".repeat(2001));
        answers(body).putObject("school").put("value", "s".repeat(121));
        assertThat(pointers(body)).containsExactlyInAnyOrder("/answers/futureJob/value", "/answers/school/value");
    }

    @Test
    void rejectsAgesOutsideTheVariantsBand() {
        ObjectNode body = example();
        answers(body).putObject("age").put("value", 12);
        assertThat(pointers(body)).containsExactly("/answers/age/value");
        answers(body).putObject("age").put("value", 18);
        assertThat(pointers(body)).containsExactly("/answers/age/value");
    }

    @Test
    void rejectsPostcodeAndSchoolFromAChildInASecureSetting() {
        ObjectNode body = example();
        answers(body).putObject("livingSituation").put("value", "young_offender_institution");
        assertThat(pointers(body)).containsExactlyInAnyOrder("/answers/postcode", "/answers/school");
        answers(body).putObject("postcode").put("preferNotToSay", true);
        answers(body).remove("school");
        assertThat(pointers(body)).containsExactly("/answers/postcode");
    }

    @Test
    void acceptsASecureSettingResponseWithoutPostcodeOrSchool() {
        ObjectNode body = example();
        answers(body).putObject("livingSituation").put("value", "secure_training_centre");
        answers(body).remove(List.of("postcode", "school"));
        assertThat(validator.validate("13-17", body).secureSetting()).isTrue();
    }

    @Test
    void rejectsMalformedPostcode() {
        ObjectNode body = example();
        answers(body).putObject("postcode").put("value", "NOT A POSTCODE");
        assertThat(pointers(body)).containsExactly("/answers/postcode/value");
        answers(body).putObject("postcode").put("value", "Q1 1AA");
        assertThat(pointers(body)).containsExactly("/answers/postcode/value");
    }

    @Test
    void rejectsMissingOrMalformedSubmissionId() {
        ObjectNode body = example();
        body.remove("submissionId");
        assertThat(pointers(body)).containsExactly("/submissionId");
        body.put("submissionId", "12345");
        assertThat(pointers(body)).containsExactly("/submissionId");
        body.put("submissionId", "00000000-0000-0000-0000-000000000000");
        assertThat(pointers(body)).containsExactly("/submissionId");
    }

    @Test
    void listsEveryBadFieldAtOnce() {
        ObjectNode body = example();
        body.remove("submissionId");
        body.put("tracking", "x");
        body.put("questionnaireVersion", 99);
        answers(body).putObject("age").put("value", 3);
        answers(body).putObject("postcode").put("value", "??");
        answers(body).putObject("gender").put("preferNotToSay", false);
        assertThat(pointers(body)).containsExactlyInAnyOrder("/submissionId", "/tracking", "/questionnaireVersion",
                "/answers/age/value", "/answers/postcode/value", "/answers/gender");
    }

    @Test
    void violationDetailsNeverRepeatTheSubmittedValue() {
        ObjectNode body = example();
        answers(body).putObject("postcode").put("value", "ZZ99 9ZZZ");
        answers(body).putObject("gender").put("value", "secret-value-xyz");
        assertThatThrownBy(() -> validator.validate("13-17", body))
                .isInstanceOfSatisfying(InvalidResponseException.class, e -> assertThat(e.violations().toString())
                        .doesNotContain("ZZ99").doesNotContain("secret-value-xyz"));
    }

    @Test
    void unknownQuestionnaireIsNotAValidationError() {
        assertThatThrownBy(() -> validator.validate("99-100", example())).isInstanceOf(UnknownQuestionnaireException.class);
    }

    @Test
    void preferNotToSayIsDistinctFromNotAnswered() {
        ObjectNode body = example();
        answers(body).remove("gender");
        answers(body).putObject("ethnicity").put("preferNotToSay", true);
        ValidatedResponse r = validator.validate("13-17", body);
        assertThat(r.answers()).doesNotContainKey("gender");
        assertThat(r.answers().get("ethnicity").status()).isEqualTo(AnswerStatus.PREFER_NOT_TO_SAY);
    }

    @Test
    void validatesAPageOnlyAgainstItsOwnQuestions() {
        Questionnaire q = QuestionnaireCatalogTest.CATALOG.latest("13-17").orElseThrow();
        JsonNode page = MAPPER.createObjectNode().set("age", MAPPER.createObjectNode().put("value", 14));
        assertThat(validator.validatePage(q, "aboutYou", page)).containsKey("age");
        assertThatThrownBy(() -> validator.validatePage(q, "future", page)).isInstanceOf(InvalidResponseException.class);
    }
}
