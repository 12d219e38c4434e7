package uk.childvoice.geography.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void splitsQuotedUnquotedEmptyAndEscapedFields() {
        assertThat(CsvLine.split("\"SM3 8JD\",\"\",E09000029,,\"Herefordshire, County of\",\"a \"\"b\"\"\",51.3,"))
                .containsExactly("SM3 8JD", "", "E09000029", "", "Herefordshire, County of", "a \"b\"", "51.3", "");
    }

    @Test
    void reportsMoreFieldsThanTheArrayHolds() {
        String[] two = new String[2];
        assertThat(CsvLine.split("a,b,c", two)).isEqualTo(3);
        assertThat(two).containsExactly("a", "b");
    }
}
