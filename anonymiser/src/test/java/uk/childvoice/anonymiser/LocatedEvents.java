package uk.childvoice.anonymiser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.Geography;
import uk.childvoice.contracts.v1.GeographySource;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;

/** Builds located events as geography-service would publish them, with fields encrypted like intake does. */
public final class LocatedEvents {
    private LocatedEvents() {
    }

    public static String newResponseId() {
        return UUID.randomUUID().toString();
    }

    public static LocatedResponseEvent located(FieldCipher cipher, String responseId, int age, boolean secure,
            String school, Map<String, String> freeText) {
        List<EncryptedTextAnswer> texts = new ArrayList<>();
        freeText.forEach((questionId, text) -> texts.add(new EncryptedTextAnswer(questionId, AnswerStatus.ANSWERED,
                cipher.encrypt(text, responseId, "freeText/" + questionId))));
        List<ChoiceAnswer> choices = new ArrayList<>();
        choices.add(new ChoiceAnswer("ethnicity", AnswerStatus.ANSWERED, List.of("mixed_white_asian")));
        choices.add(new ChoiceAnswer("localCouncil", AnswerStatus.ANSWERED, List.of("E08000025")));
        choices.add(new ChoiceAnswer("livingSituation", AnswerStatus.ANSWERED,
                List.of(secure ? "young_offender_institution" : "with_parents")));
        Geography geography = Geography.newBuilder()
                .setStatus(GeographyStatus.OK).setSource(GeographySource.POSTCODE)
                .setLsoa("E01033620").setLsoaEdition("LSOA2021").setLad("E08000025").setLadName("Birmingham")
                .setRegion("E12000005").setCountry("E92000001").setImdDecile(2).setImdEdition("IoD2025")
                .setDataVersion("NSPL-2021-11").build();
        return LocatedResponseEvent.newBuilder()
                .setResponseId(responseId)
                .setQuestionnaireId("13-17").setQuestionnaireVersion(1)
                .setSubmittedAt(Instant.parse("2026-04-20T23:30:00Z"))
                .setAgeStatus(AnswerStatus.ANSWERED).setAge(age)
                .setSecureSetting(secure)
                .setChoices(choices)
                .setGeography(geography)
                .setSchoolStatus(school == null ? AnswerStatus.NOT_ASKED : AnswerStatus.ANSWERED)
                .setSchool(school == null ? null : cipher.encrypt(school, responseId, "school"))
                .setFreeText(texts)
                .build();
    }
}
