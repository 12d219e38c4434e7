package uk.childvoice.reporting.service;

import uk.childvoice.reporting.cube.Cube;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * Reproduces the reference vectors in src/test/resources/sdc (from sdcTools and ONSdigital's
 * cell-key-perturbation, see SOURCE.md): every lookup point, and every published count of the
 * la × sex × age_band table of micro.csv.
 */
class CellKeyReferenceVectorsTest {
    private static final PerturbationLookup INTERVAL = PerturbationLookup.fromResource("disclosure/ptable_D5_V3_js2.csv");

    @Test
    void everyLookupPointOfSdcToolsGivesTheSamePerturbation() throws IOException {
        PerturbationTable table = (PerturbationTable) INTERVAL;
        List<String[]> vectors = csv("sdc/ptable_D5_V3_js2_lookup_vectors.csv");
        assertThat(vectors).hasSize(3156);
        for (String[] v : vectors) {
            long count = Long.parseLong(v[0]);
            double ckey = Double.parseDouble(v[1]);
            assertThat(table.perturbation(count, ckey)).as("count %s ckey %s", v[0], v[1]).isEqualTo(Integer.parseInt(v[2]));
        }
    }

    @Test
    void intervalFormAndOnsIntegerFormAgreeOnEveryPcvAndCellKey() throws IOException {
        PerturbationLookup ons = PerturbationLookup.fromResource("sdc/ptable_D5_V3_js2_int256.csv.gz");
        List<String[]> rows = csv("sdc/ptable_D5_V3_js2_int256.csv.gz");
        assertThat(rows).hasSize(750 * 256);
        for (String[] r : rows) {
            int pcv = Integer.parseInt(r[0]);
            int ckey = Integer.parseInt(r[1]);
            assertThat(INTERVAL.perturbation(pcv, ckey, 256)).as("pcv %d ckey %d", pcv, ckey).isEqualTo(Integer.parseInt(r[2]));
            assertThat(ons.perturbation(pcv, ckey, 256)).isEqualTo(Integer.parseInt(r[2]));
        }
    }

    @Test
    void microdataReproducesEveryPublishedCountOfOnsImplementationAtThreshold10() throws IOException {
        assertReproduces("sdc/py_d5v3_t10.csv", new CellKeyPerturbation(INTERVAL, 256, 10));
        assertReproduces("sdc/py_d5v3_t10.csv",
                new CellKeyPerturbation(PerturbationLookup.fromResource("sdc/ptable_D5_V3_js2_int256.csv.gz"), 256, 10));
    }

    @Test
    void microdataReproducesEveryPublishedCountAtThreshold0() throws IOException {
        assertReproduces("sdc/py_d5v3_t0.csv", new CellKeyPerturbation(INTERVAL, 256, 0));
    }

    @Test
    void microdataReproducesEveryPublishedCountOfTheOns105Rule() throws IOException {
        // The "10-5 rule" as an ONS integer p-table: below 10 -> 0 (suppressed), else n mod 5 -> {0,-1,-2,+2,+1}.
        int[] byRemainder = {0, -1, -2, 2, 1};
        int[][] values = new int[751][256];
        for (int pcv = 1; pcv <= 750; pcv++) {
            for (int ck = 0; ck < 256; ck++) {
                values[pcv][ck] = pcv < 10 ? -pcv : byRemainder[pcv % 5];
            }
        }
        assertReproduces("sdc/py_ons105.csv", new CellKeyPerturbation(new OnsPerturbationTable(values), 256, 10));
    }

    /** Builds the la × sex × age_band table from micro.csv through the cube and compares each published count. */
    private static void assertReproduces(String expectedFile, CellKeyPerturbation ckm) throws IOException {
        Cube cube = new Cube(3);
        for (String[] r : csv("sdc/micro.csv")) {
            cube.add(new String[] {r[1], r[2], r[3]}, 1, Integer.parseInt(r[0]));
        }
        List<String[]> expected = csv(expectedFile);
        assertThat(expected).hasSize(72);
        int compared = 0;
        for (String[] e : expected) {
            Cube.RollUp rollUp = cube.rollUp(0, 1, java.util.Arrays.asList(null, null, Set.of(e[2])));
            long n = 0;
            long keySum = 0;
            int row = rollUp.rowValues().indexOf(e[0]);
            int column = rollUp.columnValues().indexOf(e[1]);
            if (row >= 0 && column >= 0) {
                n = rollUp.count(row, column);
                keySum = rollUp.keySum(row, column);
            }
            assertThat(n).as("pre-perturbation count of %s/%s/%s", e[0], e[1], e[2]).isEqualTo(Long.parseLong(e[3]));
            assertThat(ckm.cellKey(keySum)).isEqualTo(Integer.parseInt(e[4]));
            Long published = ckm.publish(n, keySum);
            String expectedCount = e.length > 7 ? e[7] : "";
            assertThat(published == null ? "" : published.toString()).as("%s/%s/%s", e[0], e[1], e[2]).isEqualTo(expectedCount);
            compared++;
        }
        assertThat(compared).isEqualTo(72);
    }

    static List<String[]> csv(String resource) throws IOException {
        InputStream in = CellKeyReferenceVectorsTest.class.getClassLoader().getResourceAsStream(resource);
        if (resource.endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }
}
