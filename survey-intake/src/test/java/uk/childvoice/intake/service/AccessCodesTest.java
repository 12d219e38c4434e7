package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessCodesTest {

    @Test
    void codesAreGroupedAndFreeOfLookAlikeCharacters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = AccessCodes.generate(4);
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}").doesNotContainPattern("[01ILOU]");
            seen.add(code);
        }
        assertThat(seen).hasSize(1000);
        // 16 symbols from 30: about 78 bits.
        assertThat(16 * Math.log(AccessCodes.ALPHABET.length()) / Math.log(2)).isGreaterThan(78);
    }

    @Test
    void forgivesCaseSpacesAndHyphensWhenRetyped() {
        String code = AccessCodes.generate(4);
        String canonical = code.replace("-", "");
        assertThat(AccessCodes.normalise(code.toLowerCase().replace("-", " "), 4)).isEqualTo(canonical);
        assertThat(AccessCodes.normalise("ABCD-EFGH-JKMN-PQR0", 4)).isNull();
        assertThat(AccessCodes.normalise("ABCD", 4)).isNull();
    }

    @Test
    void answersOpenOnlyWithTheSameCode() {
        String a = AccessCodes.normalise(AccessCodes.generate(4), 4);
        String b = AccessCodes.normalise(AccessCodes.generate(4), 4);
        byte[] sealed = AccessCodes.seal(a, "{\"postcode\":\"SM3 8JD\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("SM3");
        assertThat(new String(AccessCodes.open(a, sealed), StandardCharsets.UTF_8)).contains("SM3 8JD");
        assertThatThrownBy(() -> AccessCodes.open(b, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStoredHashRevealsNeitherTheCodeNorTheKey() {
        String code = AccessCodes.normalise(AccessCodes.generate(4), 4);
        byte[] hash = AccessCodes.lookupHash(code);
        assertThat(hash).hasSize(32);
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(code);
        assertThat(AccessCodes.lookupHash(code)).isEqualTo(hash);
    }
}
