package uk.childvoice.geography.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.Geography;
import uk.childvoice.contracts.v1.GeographySource;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.support.FieldKeysResource;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.geography.support.TestConfig;

/** The located event for each kind of postcode answer. */
class ResponseLocatorTest {
    private static ResponseLocator locator;

    @BeforeAll
    static void locator() {
        GeographyDirectory directory = new GeographyDirectory(TestConfig.bundled());
        directory.loadAtStart();
        locator = new ResponseLocator(TestConfig.bundled(), new PostcodeLookupService(directory, new SimpleMeterRegistry()),
                directory);
    }

    @Test
    void answeredPostcodeBecomesItsAreaAndIsGone() {
        RawResponseEvent raw = RawEvents.withPostcode("sm3 8jd");
        LocatedResponseEvent located = locator.locate(raw);
        Geography g = located.getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.OK);
        assertThat(g.getSource()).isEqualTo(GeographySource.POSTCODE);
        assertThat(g.getLsoa()).isEqualTo("E01004118");
        assertThat(g.getLsoaEdition()).isEqualTo("LSOA2011");
        assertThat(g.getLad()).isEqualTo("E09000029");
        assertThat(g.getRegion()).isEqualTo("E12000007");
        assertThat(g.getImdDecile()).isEqualTo(8);
        // everything else passes through untouched, school and free text still encrypted
        assertThat(located.getResponseId()).isEqualTo(raw.getResponseId());
        assertThat(located.getChoices()).isEqualTo(raw.getChoices());
        assertThat(located.getSchool()).isEqualTo(raw.getSchool());
        assertThat(located.getFreeText()).isEqualTo(raw.getFreeText());
        assertThat(located.getSubmittedAt()).isEqualTo(raw.getSubmittedAt());
        String encoded = new String(EventCodec.LOCATED.encode(located), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(encoded).doesNotContain("SM3").doesNotContain("sm3").doesNotContain("8JD").doesNotContain("8jd");
    }

    @Test
    void preferNotToSayKeepsItsOwnStatus() {
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString()).setPostcodeStatus(AnswerStatus.PREFER_NOT_TO_SAY).build();
        Geography g = locator.locate(raw).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.PREFER_NOT_TO_SAY);
        assertThat(g.getSource()).isEqualTo(GeographySource.NONE);
        assertThat(g.getLad()).isNull();
        assertThat(g.getRegion()).isNull();
    }

    @Test
    void missingPostcodeIsNotProvided() {
        Geography g = locator.locate(RawEvents.withPostcode(null)).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_PROVIDED);
        assertThat(g.getSource()).isEqualTo(GeographySource.NONE);
    }

    @Test
    void localCouncilAnswerFillsTheAuthorityWhenThereIsNoPostcode() {
        // Harrogate's old code: the child may still know their council by it
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString())
                .setChoices(List.of(RawEvents.localCouncil("E07000165"))).build();
        Geography g = locator.locate(raw).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_PROVIDED);
        assertThat(g.getSource()).isEqualTo(GeographySource.LOCAL_COUNCIL);
        assertThat(g.getLad()).isEqualTo("E06000065");
        assertThat(g.getLadName()).isEqualTo("North Yorkshire");
        assertThat(g.getRegion()).isEqualTo("E12000003");
        assertThat(g.getLsoa()).isNull();
        assertThat(g.getImdDecile()).isNull();
    }

    @Test
    void localCouncilAnswerFillsTheAuthorityWhenThePostcodeIsNotFound() {
        String id = UUID.randomUUID().toString();
        RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED)
                .setPostcode(FieldKeysResource.cipher().encrypt("ZZ99 9ZZ", id, "postcode"))
                .setChoices(List.of(RawEvents.localCouncil("E09000029"))).build();
        Geography g = locator.locate(raw).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_FOUND);
        assertThat(g.getSource()).isEqualTo(GeographySource.LOCAL_COUNCIL);
        assertThat(g.getLad()).isEqualTo("E09000029");
    }

    @Test
    void postcodeWinsOverTheCouncilAnswer() {
        String id = UUID.randomUUID().toString();
        RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED)
                .setPostcode(FieldKeysResource.cipher().encrypt("WC1H 8BG", id, "postcode"))
                .setChoices(List.of(RawEvents.localCouncil("E09000029"))).build();
        Geography g = locator.locate(raw).getGeography();
        assertThat(g.getSource()).isEqualTo(GeographySource.POSTCODE);
        assertThat(g.getLad()).isEqualTo("E09000007");
    }

    @Test
    void secureSettingGetsRegionAtMostAndThePostcodeIsNeverRead() {
        // given a secure-setting response that (wrongly) carries a postcode encrypted under an unknown key
        String id = UUID.randomUUID().toString();
        RawResponseEvent withPostcode = RawEvents.withPostcode("SM3 8JD");
        RawResponseEvent raw = RawEvents.base(id).setSecureSetting(true).setPostcodeStatus(AnswerStatus.NOT_ASKED)
                .setPostcode(withPostcode.getPostcode())
                .setChoices(List.of(RawEvents.localCouncil("E09000029"))).build();

        Geography g = locator.locate(raw).getGeography();

        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_ASKED);
        assertThat(g.getSource()).isEqualTo(GeographySource.LOCAL_COUNCIL);
        assertThat(g.getRegion()).isEqualTo("E12000007");
        assertThat(g.getLad()).isNull();
        assertThat(g.getLadName()).isNull();
        assertThat(g.getLsoa()).isNull();
        assertThat(g.getImdDecile()).isNull();
    }

    @Test
    void secureSettingWithoutCouncilHasNoArea() {
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString()).setSecureSetting(true)
                .setPostcodeStatus(AnswerStatus.NOT_ASKED).build();
        Geography g = locator.locate(raw).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_ASKED);
        assertThat(g.getSource()).isEqualTo(GeographySource.NONE);
        assertThat(g.getRegion()).isNull();
    }

    @Test
    void notEnglandKeepsCountryAndAuthorityButNoDeprivation() {
        Geography g = locator.locate(RawEvents.withPostcode("HR5 3NS")).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.NOT_ENGLAND);
        assertThat(g.getCountry()).isEqualTo("W92000004");
        assertThat(g.getLad()).isEqualTo("W06000023");
        assertThat(g.getImdDecile()).isNull();
    }

    @Test
    void invalidPostcodeIsMarkedInvalid() {
        Geography g = locator.locate(RawEvents.withPostcode("not a postcode")).getGeography();
        assertThat(g.getStatus()).isEqualTo(GeographyStatus.INVALID);
        assertThat(g.getSource()).isEqualTo(GeographySource.NONE);
    }

    @Test
    void unknownCouncilCodeIsIgnored() {
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString())
                .setChoices(List.of(new ChoiceAnswer("localCouncil", AnswerStatus.ANSWERED, List.of("E06999999")))).build();
        assertThat(locator.locate(raw).getGeography().getSource()).isEqualTo(GeographySource.NONE);
    }

    @Test
    void answeredWithoutAPostcodeBreaksTheContract() {
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString()).setPostcodeStatus(AnswerStatus.ANSWERED).build();
        assertThatThrownBy(() -> locator.locate(raw)).isInstanceOf(InvalidEventException.class)
                .hasMessage("postcodeStatus is ANSWERED but there is no postcode");
    }

    @Test
    void postcodeMovedFromAnotherResponseFailsToDecrypt() {
        RawResponseEvent other = RawEvents.withPostcode("SM3 8JD");
        RawResponseEvent raw = RawEvents.base(UUID.randomUUID().toString()).setPostcodeStatus(AnswerStatus.ANSWERED)
                .setPostcode(other.getPostcode()).build();
        assertThatThrownBy(() -> locator.locate(raw)).isInstanceOf(FieldDecryptionException.class)
                .hasMessageNotContaining("SM3");
    }
}
