package uk.childvoice.geography.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.CsvLine;
import uk.childvoice.geography.repository.DirectoryLoader;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.support.SampleIndex;

/**
 * The 41 real postcodes of {@code edge_cases/geography_edge_cases.csv}, each one looked up in the bundled
 * NSPL sample (LSOA 2011 + IMD 2019), and again in an ONSPD Nov 2025-layout directory carrying their
 * unambiguous LSOA 2021 (LSOA 2021 + IoD 2025).
 */
class EdgeCasesTest {
    static final String EDGE_CASES = "data/geography/edge_cases/geography_edge_cases.csv";

    static Stream<Map<String, String>> cases() throws IOException {
        return rows().stream();
    }

    static List<Map<String, String>> rows() throws IOException {
        try (BufferedReader reader = CsvLine.reader(SampleIndex.resource(EDGE_CASES))) {
            List<String> header = CsvLine.split(reader.readLine());
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                List<String> fields = CsvLine.split(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < fields.size() ? fields.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @org.junit.jupiter.api.Test
    void fileHasTheFortyOneCases() throws IOException {
        assertThat(rows()).hasSize(41);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void nsplSampleGivesTheExpectedGeography(Map<String, String> c) {
        LookupResult r = PostcodeLookupService.lookup(SampleIndex.nspl(), c.get("pcds"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.status()).as("status").isEqualTo(expectedStatus(c));
        soft.assertThat(r.dataVersion()).isEqualTo("NSPL-2021-11");
        // the compact and lower-case forms find the same postcode
        soft.assertThat(PostcodeLookupService.lookup(SampleIndex.nspl(), c.get("pcd7").toLowerCase()).status())
                .isEqualTo(r.status());
        switch (r.status()) {
            case OK, TERMINATED -> {
                soft.assertThat(r.area().lsoa()).isEqualTo(c.get("lsoa11"));
                soft.assertThat(r.area().lsoaEdition()).isEqualTo("LSOA2011");
                soft.assertThat(r.area().lad()).as("current LAD").isEqualTo(c.get("lad_current_code"));
                soft.assertThat(r.area().ladName()).isEqualTo(c.get("lad_current_name"));
                soft.assertThat(r.area().region()).isEqualTo(c.get("region_current_code"));
                soft.assertThat(r.area().country()).isEqualTo("E92000001");
                soft.assertThat(r.area().imdDecile()).isEqualTo(Integer.parseInt(c.get("imd19_decile")));
                soft.assertThat(r.area().imdEdition()).isEqualTo("IMD2019");
            }
            case NOT_ENGLAND -> {
                soft.assertThat(r.area().country()).isEqualTo(c.get("ctry"));
                soft.assertThat(r.area().lad()).isEqualTo(blankToNull(c.get("lad_current_code")));
                soft.assertThat(r.area().lsoa()).isNull();
                soft.assertThat(r.area().imdDecile()).isZero();
            }
            case NO_GEOGRAPHY -> soft.assertThat(r.area().lad()).isNull();
            default -> soft.fail("unexpected status " + r.status());
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void onspdWithLsoa2021GivesIoD2025(Map<String, String> c) throws IOException {
        LookupResult r = PostcodeLookupService.lookup(onspd2025(), c.get("pcds"));
        assertThat(r.status()).isEqualTo(expectedStatus(c));
        assertThat(r.dataVersion()).isEqualTo("ONSPD-2025-11");
        if (r.status() == GeographyStatus.OK || r.status() == GeographyStatus.TERMINATED) {
            if (c.get("lsoa21_if_unambiguous").isEmpty()) {
                // a split 2011 LSOA: without its 2021 LSOA the directory row falls back to 2011 and IMD 2019
                assertThat(r.area().lsoaEdition()).isEqualTo("LSOA2011");
                assertThat(r.area().imdEdition()).isEqualTo("IMD2019");
            } else {
                assertThat(r.area().lsoa()).isEqualTo(c.get("lsoa21_if_unambiguous"));
                assertThat(r.area().lsoaEdition()).isEqualTo("LSOA2021");
                assertThat(r.area().imdDecile()).isEqualTo(Integer.parseInt(c.get("imd25_decile")));
                assertThat(r.area().imdEdition()).isEqualTo("IoD2025");
            }
            assertThat(r.area().lad()).isEqualTo(c.get("lad_current_code"));
            assertThat(r.area().region()).isEqualTo(c.get("region_current_code"));
        }
    }

    static GeographyStatus expectedStatus(Map<String, String> c) {
        String kind = c.get("case");
        if (kind.equals("live_no_grid_reference")) {
            return GeographyStatus.NO_GEOGRAPHY;
        }
        if (!c.get("ctry").equals("E92000001")) {
            return GeographyStatus.NOT_ENGLAND;
        }
        return kind.equals("england_terminated") ? GeographyStatus.TERMINATED : GeographyStatus.OK;
    }

    private static PostcodeIndex onspd;

    /** The edge cases written out as a Nov 2025 ONSPD extract (year-suffixed columns, in another order). */
    static synchronized PostcodeIndex onspd2025() throws IOException {
        if (onspd == null) {
            StringBuilder csv = new StringBuilder("pcd7,pcd8,pcds,dointr,doterm,lad25cd,usrtypind,gridind,ctry25cd,"
                    + "rgn25cd,lsoa11cd,imd20ind,lsoa21cd\n");
            for (Map<String, String> c : rows()) {
                String lsoa21 = c.get("lsoa21_if_unambiguous");
                csv.append(String.join(",", q(c.get("pcd7")), q(c.get("pcd7")), q(c.get("pcds")), q("198001"),
                        q(c.get("doterm")), q(c.get("nspl_laua_2021")), q(c.get("usertype")), q(c.get("osgrdind")),
                        q(c.get("ctry")), q(c.get("rgn")), q(c.get("lsoa11")), c.get("imd19_rank_in_nspl"),
                        q(lsoa21))).append('\n');
            }
            try (InputStream in = new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8))) {
                onspd = new DirectoryLoader(SampleIndex.reference()).load(in, "ONSPD-2025-11");
            }
        }
        return onspd;
    }

    private static String q(String s) {
        return '"' + (s == null ? "" : s) + '"';
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
