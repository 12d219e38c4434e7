package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.anonymiser.LocatedEvents;
import uk.childvoice.anonymiser.TestKeys;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingCategory;

class ResponseDeidentifierTest {
    private static final ResponseDeidentifier DEIDENTIFIER = new ResponseDeidentifier(
            new FreeTextScrubber(Lexicon.load()), SafeguardingDetector.load(), TestKeys.fieldCipher(),
            TestKeys.flagCipher(), ZoneId.of("Europe/London"), Clock.systemUTC());

    @Test
    void locatedEventSurvivesTheCodec() {
        LocatedResponseEvent in = LocatedEvents.located(TestKeys.fieldCipher(), "r-1", 14, false, "Oakwood Academy",
                Map.of("aspirations", "hi"));
        assertThat(EventCodec.LOCATED.decode(EventCodec.LOCATED.encode(in))).isEqualTo(in);
    }

    @Test
    void scrubsFreeTextAndDropsSchool() {
        // given
        LocatedResponseEvent in = LocatedEvents.located(TestKeys.fieldCipher(), "r-2", 15, false, "Oakwood Academy",
                Map.of("aspirations", "text me on 07700 900123 or mail sam.jones@example.com, I want to be a vet. oakwood academy is ok"));
        // when
        Deidentification out = DEIDENTIFIER.deidentify(in);
        // then
        DeidentifiedResponseEvent r = out.response();
        assertThat(r.getFreeText().get(0).getText())
                .isEqualTo("text me on [PHONE] or mail [EMAIL], I want to be a vet. [SCHOOL] is ok");
        assertThat(r.getFreeText().get(0).getRedactions()).isEqualTo(3);
        assertThat(r.toString().toLowerCase()).doesNotContain("oakwood", "e01033620");
        assertThat(out.flags()).isEmpty();
        assertThat(EventCodec.DEIDENTIFIED.decode(EventCodec.DEIDENTIFIED.encode(r))).isEqualTo(r);
    }

    @Test
    void disclosureRaisesFlagCarryingEncryptedRawText() {
        LocatedResponseEvent in = LocatedEvents.located(TestKeys.fieldCipher(), "r-3", 10, false, null,
                Map.of("feelings", "a man online keeps asking me for pics"));
        Deidentification out = DEIDENTIFIER.deidentify(in);
        assertThat(out.flags()).hasSize(1);
        var flag = out.flags().get(0);
        assertThat(flag.getCategories()).containsExactly(SafeguardingCategory.GROOMING_EXPLOITATION);
        assertThat(TestKeys.flagCipher().decrypt(flag.getText(), flag.getFlagId(), "text"))
                .isEqualTo("a man online keeps asking me for pics");
        assertThat(flag.toString()).doesNotContain("r-3");
    }

    @Test
    void textBoundToAnotherResponseIsRejected() {
        LocatedResponseEvent in = LocatedEvents.located(TestKeys.fieldCipher(), "r-4", 10, false, null,
                Map.of("feelings", "fine"));
        in.setResponseId("r-5");
        assertThatThrownBy(() -> DEIDENTIFIER.deidentify(in)).isInstanceOf(FieldDecryptionException.class);
    }
}
