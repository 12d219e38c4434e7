package uk.childvoice.anonymiser.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import uk.childvoice.anonymiser.config.AnonymiserBeans;
import uk.childvoice.anonymiser.config.AnonymiserConfig;
import uk.childvoice.anonymiser.mapping.QuasiIdentifiers;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;
import uk.childvoice.contracts.v1.ScrubbedTextAnswer;

/**
 * Turns a located response into a de-identified one: decrypts the free text and school, checks the
 * raw text for safeguarding disclosures, scrubs it (including the child's own school name), drops the
 * school, coarsens the quasi-identifiers and draws the record key. Pure CPU work, safe on the event loop.
 */
@ApplicationScoped
public class ResponseDeidentifier {
    /** Associated-data field name of the raw text inside a flag: AAD is {@code flagId + "/text"}. */
    public static final String FLAG_TEXT_FIELD = "text";
    private static final int RECORD_KEY_RANGE = 4096;

    private final FreeTextScrubber scrubber;
    private final SafeguardingDetector safeguarding;
    private final FieldCipher fieldCipher;
    private final FieldCipher flagCipher;
    private final ZoneId zone;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public ResponseDeidentifier(FreeTextScrubber scrubber, SafeguardingDetector safeguarding,
            @Named(AnonymiserBeans.FIELD_CIPHER) FieldCipher fieldCipher,
            @Named(AnonymiserBeans.FLAG_CIPHER) FieldCipher flagCipher, AnonymiserConfig config) {
        this(scrubber, safeguarding, fieldCipher, flagCipher, ZoneId.of(config.timeZone()), Clock.systemUTC());
    }

    public ResponseDeidentifier(FreeTextScrubber scrubber, SafeguardingDetector safeguarding, FieldCipher fieldCipher,
            FieldCipher flagCipher, ZoneId zone, Clock clock) {
        this.scrubber = scrubber;
        this.safeguarding = safeguarding;
        this.fieldCipher = fieldCipher;
        this.flagCipher = flagCipher;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * @throws uk.childvoice.contracts.crypto.FieldDecryptionException when a field cannot be decrypted
     *                                                                  (a poison message)
     */
    public Deidentification deidentify(LocatedResponseEvent in) {
        String responseId = in.getResponseId();
        boolean secure = Boolean.TRUE.equals(in.getSecureSetting());
        String ageBand = QuasiIdentifiers.ageBand(in.getAge());
        List<String> ownSchools = List.of();
        if (in.getSchool() != null) {
            String school = fieldCipher.decrypt(in.getSchool(), responseId, "school");
            ownSchools = school.isBlank() ? List.of() : List.of(school);
        }
        List<ScrubbedTextAnswer> scrubbed = new ArrayList<>(in.getFreeText().size());
        List<SafeguardingFlagEvent> flags = new ArrayList<>(0);
        for (EncryptedTextAnswer answer : in.getFreeText()) {
            String questionId = answer.getQuestionId();
            if (answer.getText() == null) {
                scrubbed.add(new ScrubbedTextAnswer(questionId, answer.getStatus(), null, 0));
                continue;
            }
            String raw = fieldCipher.decrypt(answer.getText(), responseId, "freeText/" + questionId);
            SafeguardingAssessment assessment = safeguarding.assess(raw);
            if (assessment.flag()) {
                flags.add(flag(in, questionId, raw, assessment, ageBand, secure));
            }
            ScrubResult result = scrubber.scrub(raw, ownSchools);
            AnswerStatus status = answer.getStatus();
            scrubbed.add(new ScrubbedTextAnswer(questionId, status, result.scrubbed(), result.entities().size()));
        }
        DeidentifiedResponseEvent out = DeidentifiedResponseEvent.newBuilder()
                .setResponseId(responseId)
                .setQuestionnaireId(in.getQuestionnaireId())
                .setQuestionnaireVersion(in.getQuestionnaireVersion())
                .setSubmittedOn(in.getSubmittedAt().atZone(zone).toLocalDate())
                .setAgeStatus(in.getAgeStatus())
                .setAge(in.getAge())
                .setAgeBand(ageBand)
                .setEthnicityBroad(QuasiIdentifiers.ethnicityBroad(in.getChoices()))
                .setSecureSetting(secure)
                .setChoices(QuasiIdentifiers.choices(in.getChoices(), secure))
                .setArea(QuasiIdentifiers.area(in.getGeography(), secure))
                .setFreeText(scrubbed)
                .setRecordKey(random.nextInt(RECORD_KEY_RANGE))
                .build();
        return new Deidentification(out, flags);
    }

    private SafeguardingFlagEvent flag(LocatedResponseEvent in, String questionId, String raw,
            SafeguardingAssessment assessment, String ageBand, boolean secure) {
        // A fresh random id, so that the flag cannot be joined to the de-identified record.
        String flagId = UUID.randomUUID().toString();
        return SafeguardingFlagEvent.newBuilder()
                .setFlagId(flagId)
                .setRaisedAt(clock.instant())
                .setQuestionnaireId(in.getQuestionnaireId())
                .setQuestionId(questionId)
                .setCategories(new ArrayList<>(assessment.categories()))
                .setAgeBand(ageBand)
                .setRegion(in.getGeography().getRegion())
                .setLad(secure ? null : in.getGeography().getLad())
                .setText(flagCipher.encrypt(raw, flagId, FLAG_TEXT_FIELD))
                .build();
    }
}
