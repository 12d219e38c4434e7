package uk.childvoice.geography.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostcodeKeyTest {

    @Test
    void normalisesCaseAndEveryKindOfWhiteSpace() {
        assertThat(PostcodeKey.compact(" sm3\u00A08jd ")).isEqualTo("SM38JD");
        assertThat(PostcodeKey.compact("SM3\t8JD")).isEqualTo("SM38JD");
        assertThat(PostcodeKey.compact("WC1H\u202F8BG")).isEqualTo("WC1H8BG");
        assertThat(PostcodeKey.canonical("WC1H8BG")).isEqualTo("WC1H 8BG");
    }

    @Test
    void separatesWellFormedFromMalformed() {
        assertThat(PostcodeKey.isWellFormed("SM38JD")).isTrue();
        assertThat(PostcodeKey.isWellFormed("WC1H8BG")).isTrue();
        assertThat(PostcodeKey.isWellFormed("M11AA")).isTrue();
        assertThat(PostcodeKey.isWellFormed("GIR0AA")).isTrue();
        assertThat(PostcodeKey.isWellFormed("SM3")).isFalse();
        assertThat(PostcodeKey.isWellFormed("12345")).isFalse();
        assertThat(PostcodeKey.isWellFormed("SM38J")).isFalse();
        assertThat(PostcodeKey.isWellFormed("SM3-8JD")).isFalse();
        assertThat(PostcodeKey.isWellFormed("")).isFalse();
        assertThat(PostcodeKey.isWellFormed(null)).isFalse();
    }

    @Test
    void handWrittenShapeCheckAgreesWithTheRegularExpression() {
        java.util.Random random = new java.util.Random(1);
        String alphabet = "AB09Z8 a";
        for (int i = 0; i < 200_000; i++) {
            int length = 4 + random.nextInt(5);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String compact = PostcodeKey.compact(sb.toString());
            assertThat(PostcodeKey.isWellFormed(compact)).as(compact).isEqualTo(PostcodeKey.matchesShape(compact));
        }
        for (String real : new String[] {"M11AA", "M601NW", "CR26XH", "DN551PT", "W1A0AX", "EC1A1BB", "GIR0AA"}) {
            assertThat(PostcodeKey.isWellFormed(real)).as(real).isTrue();
        }
    }

    @Test
    void packsEveryLengthUniquelyAndReversibly() {
        for (String pc : new String[] {"M11AA", "M111AA", "SM38JD", "WC1H8BG", "M1A1AA", "ZZ999ZZ"}) {
            long key = PostcodeKey.pack(pc);
            assertThat(key).isNotEqualTo(PostcodeKey.NONE).isGreaterThanOrEqualTo(0);
            assertThat(PostcodeKey.unpack(key)).isEqualTo(pc);
        }
        // same characters, different outward/inward split
        assertThat(PostcodeKey.pack("M111AA")).isNotEqualTo(PostcodeKey.pack("M11 1AA".replace(" ", "") + "X"));
        assertThat(PostcodeKey.pack("AB1C2DE")).isNotEqualTo(PostcodeKey.pack("AB12CDE"));
    }

    @Test
    void refusesToPackWhatCannotBeAPostcode() {
        assertThat(PostcodeKey.pack("A1AA")).isEqualTo(PostcodeKey.NONE);
        assertThat(PostcodeKey.pack("ABCDEFGH")).isEqualTo(PostcodeKey.NONE);
        assertThat(PostcodeKey.pack("SM3-8JD")).isEqualTo(PostcodeKey.NONE);
    }
}
