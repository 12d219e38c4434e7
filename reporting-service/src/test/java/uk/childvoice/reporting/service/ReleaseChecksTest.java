package uk.childvoice.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The release checks of REFERENCE.md ("Disclosure control"), run against the table service itself. */
class ReleaseChecksTest {
    private static final CellKeyPerturbation CKM = new CellKeyPerturbation(
            PerturbationLookup.fromResource("disclosure/ptable_D5_V3_js2.csv"), 4096, 10);
    private static final String[] REGIONS = {"E12000001", "E12000002", "E12000003", "E12000004", "E12000005",
        "E12000006", "E12000007", "E12000008", "E12000009"};
    private static final String[] GENDERS = {"girl", "boy", "non_binary", "PREFER_NOT_TO_SAY", "other"};
    private static final String[] BANDS = {"4-5", "6-8", "9-12", "13-17"};

    record Rec(String[] cell, int key) {
    }

    static List<Rec> population(Random random, int size) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] cell = new String[Dimension.values().length];
            java.util.Arrays.fill(cell, "x");
            cell[Dimension.REGION.ordinal()] = REGIONS[(int) Math.min(REGIONS.length - 1, Math.abs(random.nextGaussian()) * 3)];
            cell[Dimension.GENDER.ordinal()] = GENDERS[random.nextDouble() < 0.9 ? random.nextInt(2) : 2 + random.nextInt(3)];
            cell[Dimension.AGE_BAND.ordinal()] = BANDS[random.nextInt(BANDS.length)];
            cell[Dimension.IMD_DECILE.ordinal()] = Integer.toString(1 + random.nextInt(10));
            records.add(new Rec(cell, random.nextInt(4096)));
        }
        return records;
    }

    static TableService service(List<Rec> records) {
        CubeIndex index = new CubeIndex(null);
        for (Rec r : records) {
            index.records().add(r.cell(), 1, r.key());
        }
        return new TableService(index, CKM, 0, 1.0);
    }

    static TableQuery query(String rows, String columns, Map<String, List<String>> filters) {
        return new TableQuery(rows, columns, filters, null);
    }

    @Test
    void noPublishedValueLiesBetweenZeroAndTheThreshold() {
        Random random = new Random(1);
        TableService tables = service(population(random, 3000));
        List<PublishedTable> published = List.of(
                tables.table(query("region", null, Map.of())),
                tables.table(query("region", "gender", Map.of())),
                tables.table(query("imdDecile", "ageBand", Map.of("gender", List.of("non_binary", "other")))),
                tables.table(query("gender", "region", Map.of("ageBand", List.of("4-5")))));
        int figures = 0;
        for (PublishedTable table : published) {
            List<PublishedTable.Cell> all = new ArrayList<>(table.cells());
            all.addAll(table.rowTotals());
            all.addAll(table.columnTotals());
            all.add(table.total());
            for (PublishedTable.Cell cell : all) {
                figures++;
                if (cell.count() != null) {
                    assertThat(cell.count()).isGreaterThanOrEqualTo(10);
                }
            }
        }
        assertThat(figures).isGreaterThan(100);
        assertThat(published.get(1).cells()).anyMatch(PublishedTable.Cell::suppressed);
    }

    @Test
    void shufflingTheRecordsGivesIdenticalOutput() {
        List<Rec> records = population(new Random(2), 5000);
        List<Rec> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(3));
        TableQuery q = query("region", "gender", Map.of("ageBand", List.of("9-12", "13-17")));
        assertThat(service(shuffled).table(q)).isEqualTo(service(records).table(q));
    }

    @Test
    void aCellHasTheSameValueAloneAndInsideABiggerTable() {
        TableService tables = service(population(new Random(4), 5000));
        PublishedTable big = tables.table(query("region", "gender", Map.of()));
        int compared = 0;
        for (PublishedTable.Cell cell : big.cells()) {
            PublishedTable alone = tables.table(new TableQuery("region", null,
                    Map.of("gender", List.of(cell.column())), "none"));
            Long aloneCount = alone.cells().stream().filter(c -> c.row().equals(cell.row())).findFirst()
                    .map(PublishedTable.Cell::count).orElse(null);
            assertThat(aloneCount).as("%s/%s", cell.row(), cell.column()).isEqualTo(cell.count());
            compared++;
        }
        // Margins too: the row total of the two-way table is the one-way cell.
        PublishedTable oneWay = tables.table(query("region", null, Map.of()));
        for (int i = 0; i < oneWay.cells().size(); i++) {
            assertThat(oneWay.cells().get(i).count()).isEqualTo(big.rowTotals().get(i).count());
        }
        assertThat(compared).isGreaterThan(30);
    }

    @Test
    void differencingAttackSucceedsInAtMostOneTrialInFive() {
        // An attacker asks for the same table twice, once with and once without one child (two filters that
        // differ by that child alone) and reads the child's category off the difference. Without noise this
        // works every time.
        Random random = new Random(5);
        int trials = 2000;
        int successes = 0;
        for (int t = 0; t < trials; t++) {
            int n = 20 + random.nextInt(480);
            long keySum = 0;
            for (int i = 0; i < n; i++) {
                keySum += random.nextInt(4096);
            }
            int target = random.nextInt(4096);
            Long with = CKM.publish(n + 1, keySum + target);
            Long without = CKM.publish(n, keySum);
            if (with != null && without != null && with - without == 1) {
                successes++;
            }
        }
        double rate = (double) successes / trials;
        System.out.printf("differencing attack success: %.1f%% of %d trials%n", 100 * rate, trials);
        assertThat(rate).isLessThanOrEqualTo(0.20);
    }

    @Test
    void differencingAttackThroughTheTableServiceSucceedsInAtMostOneTrialInFive() {
        Random random = new Random(6);
        int trials = 300;
        int successes = 0;
        for (int t = 0; t < trials; t++) {
            List<Rec> everyone = population(random, 200 + random.nextInt(300));
            Rec target = everyone.get(0);
            String region = target.cell()[Dimension.REGION.ordinal()];
            String gender = target.cell()[Dimension.GENDER.ordinal()];
            Long with = cell(service(everyone).table(query("region", "gender", Map.of())), region, gender);
            Long without = cell(service(everyone.subList(1, everyone.size())).table(query("region", "gender", Map.of())), region, gender);
            if (with != null && without != null && with - without == 1) {
                successes++;
            }
        }
        assertThat((double) successes / trials).isLessThanOrEqualTo(0.20);
    }

    @Test
    void marginRecoveryAttackSucceedsInAtMostOneTrialInFive() {
        // A row with one small (suppressed) cell: total minus the other published cells would give it back
        // exactly under suppression alone.
        Random random = new Random(7);
        int trials = 2000;
        int successes = 0;
        int attempts = 0;
        for (int t = 0; t < trials; t++) {
            int cells = 2 + random.nextInt(4);
            long totalN = 0;
            long totalKeys = 0;
            long publishedOthers = 0;
            boolean othersPublished = true;
            int small = 1 + random.nextInt(9);
            long smallKeys = 0;
            for (int i = 0; i < small; i++) {
                smallKeys += random.nextInt(4096);
            }
            totalN += small;
            totalKeys += smallKeys;
            for (int c = 1; c < cells; c++) {
                int n = 10 + random.nextInt(200);
                long keys = 0;
                for (int i = 0; i < n; i++) {
                    keys += random.nextInt(4096);
                }
                totalN += n;
                totalKeys += keys;
                Long p = CKM.publish(n, keys);
                if (p == null) {
                    othersPublished = false;
                } else {
                    publishedOthers += p;
                }
            }
            Long total = CKM.publish(totalN, totalKeys);
            if (!othersPublished || total == null || CKM.publish(small, smallKeys) != null) {
                continue;
            }
            attempts++;
            if (total - publishedOthers == small) {
                successes++;
            }
        }
        double rate = (double) successes / attempts;
        System.out.printf("margin-recovery attack success: %.1f%% of %d attempts%n", 100 * rate, attempts);
        assertThat(attempts).isGreaterThan(1000);
        assertThat(rate).isLessThanOrEqualTo(0.20);
    }

    @Test
    void publishedTablesCarryNoInternalValue() throws Exception {
        PublishedTable table = service(population(new Random(8), 2000)).table(query("region", "gender", Map.of()));
        JsonNode json = new ObjectMapper().valueToTree(table);
        List<String> fields = new ArrayList<>();
        collectFieldNames(json, fields);
        assertThat(fields).doesNotContain("keySum", "cellKey", "recordKey", "perturbation", "preSdcCount", "n", "ck")
                .allSatisfy(f -> assertThat(f.toLowerCase()).doesNotContain("key").doesNotContain("perturb"));
        assertThat(table.disclosure().notice()).contains("perturbed").contains("may not add up");
    }

    @Test
    void sparseTwoWayTablesAreRefusedWithAClearMessage() {
        CubeIndex index = new CubeIndex(null);
        for (Rec r : population(new Random(9), 300)) {
            index.records().add(r.cell(), 1, r.key());
        }
        TableService tables = new TableService(index, CKM, 10, 0.5);
        assertThatThrownBy(() -> tables.table(query("imdDecile", "gender", Map.of("ageBand", List.of("4-5")))))
                .isInstanceOf(TableRefusedException.class).hasMessageContaining("too sparse");
        assertThat(tables.table(query("region", null, Map.of())).cells()).isNotEmpty();
    }

    private static Long cell(PublishedTable table, String row, String column) {
        return table.cells().stream().filter(c -> c.row().equals(row) && c.column().equals(column)).findFirst()
                .map(PublishedTable.Cell::count).orElse(null);
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
            node.elements().forEachRemaining(child -> collectFieldNames(child, names));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectFieldNames(child, names));
        }
    }
}
