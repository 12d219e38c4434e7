package uk.childvoice.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.reporting.ParquetFiles;

class ParquetExportWriterTest {

    private static Object[] row(long n) {
        return new Object[] {n, "13-17", 1, LocalDate.of(2026, 11, 2), "ANSWERED", (int) (n % 5) + 13, "13-17", "white",
                n % 97 == 0, "OK", "POSTCODE", "E1200000" + (n % 9), n % 97 == 0 ? null : "E0600000" + (n % 7),
                n % 97 == 0 ? null : (int) (n % 10) + 1, "IoD2025", "{\"gender\": {\"codes\": [\"girl\"]}}"};
    }

    @Test
    void manyRowsAreCutIntoBoundedRowGroupsAndReadBackExactly() throws Exception {
        // given a writer whose row groups are small, so that 60,000 rows need several of them
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetExportWriter writer = new ParquetExportWriter(out, 64 * 1024);

        // when every row is written and the file finished
        for (long n = 1; n <= 60_000; n++) {
            writer.write(row(n));
        }
        writer.finish();

        // then the file holds every row, in order, across several row groups, with nulls kept
        ParquetFiles.Contents file = ParquetFiles.read(out.toByteArray());
        assertThat(file.rowGroups()).isGreaterThan(1);
        assertThat(file.rows()).hasSize(60_000);
        Map<String, Object> secure = file.rows().get(96);
        assertThat(secure).containsEntry("row_number", 97L).containsEntry("secure_setting", true)
                .containsEntry("local_authority", null).containsEntry("imd_decile", null).containsEntry("region", "E12000007");
        assertThat(file.rows().get(59_999)).containsEntry("row_number", 60_000L).containsEntry("age", 13)
                .containsEntry("submitted_on", LocalDate.of(2026, 11, 2)).containsEntry("imd_decile", 1);
        // dictionary encoding keeps categorical columns small even without a compression codec
        assertThat(out.size()).isLessThan(60_000 * 20);
    }

    @Test
    void anUnfinishedExportIsNotAReadableFile() throws Exception {
        // given rows written but the export broken off before finish (the cursor or the client failed)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetExportWriter writer = new ParquetExportWriter(out, 64 * 1024);
        for (long n = 1; n <= 20_000; n++) {
            writer.write(row(n));
        }

        // then what was sent has no footer, so no reader can mistake it for a complete export
        assertThat(out.size()).isPositive();
        assertThatThrownBy(() -> ParquetFiles.read(out.toByteArray())).hasMessageContaining("not a Parquet file");
    }

    @Test
    void theSchemaFollowsTheDataDictionary() {
        assertThat(ParquetExportWriter.SCHEMA.getFields()).extracting(f -> f.getName())
                .containsExactlyElementsOf(ExportService.DICTIONARY.stream().map(ExportService.Column::name).toList());
    }
}
