package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodesTest {

    @ParameterizedTest
    @CsvSource({"SM3 8JD,SM3 8JD", "sm38jd,SM3 8JD", "SW1A 2AA,SW1A 2AA", "m1 1ae,M1 1AE", "'  EC1A\u00A01BB ',EC1A 1BB", "GIR 0AA,GIR 0AA", "W1A 0AX,W1A 0AX"})
    void canonicalisesRealPostcodeShapes(String typed, String canonical) {
        assertThat(Postcodes.canonical(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SM3", "12345", "SM3 8JDX", "QA1 1AA", "SM3 8CD", "sam.jones@example.com"})
    void rejectsWhatIsNotShapedLikeAPostcode(String typed) {
        assertThat(Postcodes.canonical(typed)).isNull();
    }
}
