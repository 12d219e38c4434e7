package uk.childvoice.geography.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.CsvLine;
import uk.childvoice.geography.repository.DirectoryLoader;
import uk.childvoice.geography.repository.LocalAuthority;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.ReferenceData;
import uk.childvoice.geography.support.SampleIndex;

/**
 * Every one of the 123,018 rows of the bundled NSPL sample, looked up by its postcode and checked
 * against the row's own columns: status from {@code ctry} and {@code doterm}, LSOA = {@code lsoa11},
 * LAD = the current authority of {@code laua}, IMD decile = ceil(rank × 10 / 32,844) of the row's
 * {@code imd} rank (an independent check of the IMD 2019 join).
 */
class NsplSampleTest {

    @Test
    void everySampleRowLooksUpToItsOwnColumns() throws IOException {
        PostcodeIndex index = SampleIndex.nspl();
        ReferenceData reference = SampleIndex.reference();
        Map<GeographyStatus, Integer> statuses = new EnumMap<>(GeographyStatus.class);
        int rows = 0;
        int imdChecked = 0;
        try (BufferedReader reader = CsvLine.reader(SampleIndex.resource(SampleIndex.NSPL_SAMPLE))) {
            List<String> header = CsvLine.split(reader.readLine());
            int pcds = header.indexOf("pcds");
            int pcd = header.indexOf("pcd");
            int doterm = header.indexOf("doterm");
            int ctry = header.indexOf("ctry");
            int laua = header.indexOf("laua");
            int rgn = header.indexOf("rgn");
            int lsoa11 = header.indexOf("lsoa11");
            int imd = header.indexOf("imd");
            String[] f = new String[header.size() + 1];
            String line;
            while ((line = reader.readLine()) != null) {
                CsvLine.split(line, f);
                rows++;
                LookupResult r = PostcodeLookupService.lookup(index, f[pcds]);
                statuses.merge(r.status(), 1, Integer::sum);
                assertThat(PostcodeLookupService.lookup(index, f[pcd]).area()).isSameAs(r.area());
                GeographyStatus expected;
                if (f[ctry].isEmpty()) {
                    expected = GeographyStatus.NO_GEOGRAPHY;
                } else if (!f[ctry].equals("E92000001")) {
                    expected = GeographyStatus.NOT_ENGLAND;
                } else if (f[lsoa11].isEmpty() || f[lsoa11].endsWith("99999999")) {
                    expected = GeographyStatus.NO_GEOGRAPHY;
                } else {
                    expected = f[doterm].isEmpty() ? GeographyStatus.OK : GeographyStatus.TERMINATED;
                }
                assertThat(r.status()).as("status of row %d", rows).isEqualTo(expected);
                if (expected == GeographyStatus.OK || expected == GeographyStatus.TERMINATED) {
                    LocalAuthority current = reference.currentAuthority(f[laua]);
                    assertThat(r.area().lsoa()).as("row %d", rows).isEqualTo(f[lsoa11]);
                    assertThat(r.area().lad()).as("row %d", rows).isEqualTo(current.activeCode());
                    assertThat(r.area().region()).as("row %d", rows).isEqualTo(f[rgn]);
                    int rank = Integer.parseInt(f[imd]);
                    if (rank > 0) {
                        int decile = (int) Math.ceil(rank * 10.0 / 32_844);
                        assertThat(r.area().imdDecile()).as("IMD decile of row %d", rows).isEqualTo(decile);
                        imdChecked++;
                    }
                }
                if (expected == GeographyStatus.NOT_ENGLAND) {
                    assertThat(r.area().country()).isEqualTo(f[ctry]);
                    assertThat(r.area().lsoa()).isNull();
                }
            }
        }
        assertThat(rows).isEqualTo(123_018);
        assertThat(imdChecked).isGreaterThan(70_000);
        // the sample's SOURCE.md: 73,512 England, 342 with no country (no grid reference)
        assertThat(statuses.get(GeographyStatus.OK) + statuses.get(GeographyStatus.TERMINATED)
                + statuses.getOrDefault(GeographyStatus.NO_GEOGRAPHY, 0) - 342).isEqualTo(73_512);
        assertThat(statuses.get(GeographyStatus.NOT_ENGLAND)).isEqualTo(2_811 + 33_306 + 6_987 + 6_060);
    }

    @Test
    void validationReportCountsTheSample() {
        ValidationReport report = ValidationReport.of(SampleIndex.nspl(), SampleIndex.reference());
        assertThat(report.rowsRead()).isEqualTo(123_018);
        assertThat(report.terminated()).isEqualTo(28_452);
        assertThat(report.live()).isEqualTo(123_018 - 28_452);
        assertThat(report.postcodesByCountry()).containsEntry("E92000001", 73_512).containsEntry("W92000004", 2_811)
                .containsEntry("S92000003", 33_306).containsEntry("L93000001", 6_987).containsEntry("M83000003", 6_060)
                .containsEntry("none", 342);
        assertThat(report.englishLsoasWithoutImd()).isZero();
        assertThat(report.currentEnglishLadsPresent() + report.currentEnglishLadsMissing().size()).isEqualTo(296);
        assertThat(report.currentEnglishLadsMissing()).doesNotContain("E09000029", "E06000065");
        assertThat(report.coversEngland()).isFalse();
        assertThat(report.summary()).contains("123,018 rows read").doesNotContain("SM3 8JD");
    }

    @Test
    void resolvesDirectoryRowsByTheRules() {
        DirectoryLoader loader = new DirectoryLoader(SampleIndex.reference());
        // Harrogate (abolished 2023) becomes North Yorkshire
        assertThat(loader.resolve("E92000001", "E07000165", "E12000003", "E01027666", null).lad()).isEqualTo("E06000065");
        // the pseudo code means no LSOA
        assertThat(loader.resolve("E92000001", "E09000029", "E12000007", "E99999999", "").kind())
                .isEqualTo(uk.childvoice.geography.repository.Area.Kind.NO_GEOGRAPHY);
        // a LAD code newer than the bundled table is recovered from the 2021 LSOA
        assertThat(loader.resolve("E92000001", "E06000999", "", "", "E01004118").lad()).isEqualTo("E09000029");
    }
}
