package uk.childvoice.geography.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.childvoice.contracts.QuestionIds;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.Geography;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.config.GeographyConfig;
import uk.childvoice.geography.mapping.GeographyMapper;
import uk.childvoice.geography.repository.LocalAuthority;

/**
 * Turns a raw response into a located one: decrypts the postcode, looks it up, and builds the located
 * event without it. School and free text pass through still encrypted. Rules:
 * <ul>
 *   <li>secure settings: postcode never read; status NOT_ASKED; region (from the local-council
 *       answer) at most;</li>
 *   <li>"I don't want to say" → PREFER_NOT_TO_SAY; not answered → NOT_PROVIDED;</li>
 *   <li>when the postcode gives no local authority (not given, invalid, not found, no geography), the
 *       child's local-council answer fills the local authority and region (source LOCAL_COUNCIL).</li>
 * </ul>
 * The decrypted postcode lives only in a local variable of {@link #locate}.
 */
@ApplicationScoped
public class ResponseLocator {
    static final String POSTCODE_FIELD = "postcode";

    private final FieldCipher cipher;
    private final PostcodeLookupService lookups;
    private final GeographyDirectory directory;

    @Inject
    public ResponseLocator(GeographyConfig config, PostcodeLookupService lookups, GeographyDirectory directory) {
        this(FieldCipher.fromKeyring(config.fieldEncryption().activeKeyId(), config.fieldEncryption().keyring()),
                lookups, directory);
    }

    ResponseLocator(FieldCipher cipher, PostcodeLookupService lookups, GeographyDirectory directory) {
        this.cipher = cipher;
        this.lookups = lookups;
        this.directory = directory;
    }

    /** Throws {@link InvalidEventException} or a {@code FieldDecryptionException} for a poison event. */
    public LocatedResponseEvent locate(RawResponseEvent raw) {
        Geography geography = geography(raw);
        return LocatedResponseEvent.newBuilder()
                .setResponseId(raw.getResponseId())
                .setQuestionnaireId(raw.getQuestionnaireId())
                .setQuestionnaireVersion(raw.getQuestionnaireVersion())
                .setSubmittedAt(raw.getSubmittedAt())
                .setAgeStatus(raw.getAgeStatus())
                .setAge(raw.getAge())
                .setSecureSetting(raw.getSecureSetting())
                .setChoices(raw.getChoices())
                .setGeography(geography)
                .setSchoolStatus(raw.getSchoolStatus())
                .setSchool(raw.getSchool())
                .setFreeText(raw.getFreeText())
                .build();
    }

    private Geography geography(RawResponseEvent raw) {
        String edition = directory.index().metadata().directoryEdition();
        if (raw.getSecureSetting() || raw.getPostcodeStatus() == AnswerStatus.NOT_ASKED) {
            // Not asked, so never decrypted even if a client sent one anyway.
            return fromCouncilOr(raw, GeographyStatus.NOT_ASKED, true, edition);
        }
        return switch (raw.getPostcodeStatus()) {
            case PREFER_NOT_TO_SAY -> fromCouncilOr(raw, GeographyStatus.PREFER_NOT_TO_SAY, false, edition);
            case NOT_ANSWERED -> fromCouncilOr(raw, GeographyStatus.NOT_PROVIDED, false, edition);
            case ANSWERED -> {
                if (raw.getPostcode() == null) {
                    throw new InvalidEventException("postcodeStatus is ANSWERED but there is no postcode");
                }
                LookupResult result = lookups.lookup(cipher.decrypt(raw.getPostcode(), raw.getResponseId().toString(),
                        POSTCODE_FIELD));
                if (result.area().lad() == null && result.status() != GeographyStatus.NOT_ENGLAND) {
                    yield fromCouncilOr(raw, result.status(), false, edition);
                }
                yield GeographyMapper.fromLookup(result);
            }
            default -> throw new InvalidEventException("unknown postcodeStatus " + raw.getPostcodeStatus());
        };
    }

    private Geography fromCouncilOr(RawResponseEvent raw, GeographyStatus status, boolean regionOnly, String edition) {
        LocalAuthority council = councilAnswer(raw);
        return council == null ? GeographyMapper.none(status, edition)
                : GeographyMapper.fromCouncil(status, council, regionOnly, edition);
    }

    private LocalAuthority councilAnswer(RawResponseEvent raw) {
        for (ChoiceAnswer answer : raw.getChoices()) {
            if (QuestionIds.LOCAL_COUNCIL.contentEquals(answer.getQuestionId()) && answer.getStatus() == AnswerStatus.ANSWERED) {
                for (CharSequence code : answer.getCodes()) {
                    LocalAuthority la = directory.reference().currentAuthority(code.toString().trim().toUpperCase());
                    if (la != null) {
                        return la;
                    }
                }
            }
        }
        return null;
    }
}
