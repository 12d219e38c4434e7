package uk.childvoice.reporting.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import uk.childvoice.reporting.service.CellKeyPerturbation;
import uk.childvoice.reporting.service.CubeIndex;
import uk.childvoice.reporting.service.Dimension;
import uk.childvoice.reporting.service.PerturbationLookup;
import uk.childvoice.reporting.service.PublishedTable;
import uk.childvoice.reporting.service.TableQuery;
import uk.childvoice.reporting.service.TableService;

/**
 * Two-way tables through the cell key method over the record cube that 12 million stored records
 * would give. The cube holds (dimensions…, count, Σ record keys), so its size depends on how many
 * distinct combinations the records have, not on how many records there are: the benchmark draws 12 M
 * synthetic records with realistic skew (region and local-authority sizes, a long tail of ethnic groups
 * and living situations), adds each to the cube exactly as ingestion does, then times tables.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl reporting-service -Pbenchmark test-compile exec:exec}
 * (optional {@code -Dbenchmark.records=12000000 -Dbenchmark.queries=2000}).
 */
public final class TableBenchmark {
    private static final String[] QUESTIONNAIRES = {"13-17", "9-12", "9-12-easy-read", "6-8", "6-8-easy-read", "4-5"};
    private static final double[] QUESTIONNAIRE_WEIGHTS = {35, 30, 5, 15, 5, 10};
    private static final int[][] AGES = {{13, 17}, {9, 12}, {9, 12}, {6, 8}, {6, 8}, {4, 5}};
    private static final String[] GENDERS = {"girl", "boy", "non_binary", "other", "PREFER_NOT_TO_SAY", "NOT_ANSWERED"};
    private static final double[] GENDER_WEIGHTS = {47, 46, 2, 1, 3, 1};
    private static final String[] ETHNICITIES = {"white_british", "white_irish", "white_gypsy_irish_traveller", "white_roma",
        "white_other", "mixed_white_black_caribbean", "mixed_white_black_african", "mixed_white_asian", "mixed_other",
        "asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese", "asian_other", "black_african",
        "black_caribbean", "black_other", "arab", "other", "PREFER_NOT_TO_SAY"};
    private static final String[] BROAD = {"white", "white", "white", "white", "white", "mixed", "mixed", "mixed", "mixed",
        "asian", "asian", "asian", "asian", "asian", "black", "black", "black", "other", "other", "PREFER_NOT_TO_SAY"};
    private static final double[] ETHNICITY_WEIGHTS = {68, 0.8, 0.3, 0.3, 6, 1.5, 0.8, 1.2, 1.5, 3.3, 3.9, 1.6, 0.8, 1.8,
        3.8, 0.9, 0.6, 0.8, 1.5, 2};
    private static final String[] LIVING = {"with_parents", "with_one_parent", "foster_parents", "other_relatives",
        "childrens_home", "secure_childrens_home", "young_offender_institution", "inpatient_mental_health",
        "supported_accommodation", "on_my_own", "with_friends_or_hostel", "other", "PREFER_NOT_TO_SAY"};
    private static final double[] LIVING_WEIGHTS = {70, 20, 1.5, 1.5, 0.6, 0.05, 0.05, 0.05, 0.3, 0.3, 0.3, 2, 3};
    private static final String[] REGIONS = {"E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006",
        "E12000007", "E12000008", "E12000009"};
    private static final double[] REGION_WEIGHTS = {4.6, 13, 9.7, 8.6, 10.5, 11.1, 15.5, 16.3, 10.1};
    private static final int[] LAS_PER_REGION = {12, 39, 21, 35, 30, 45, 33, 64, 17};

    public static void main(String[] args) {
        int records = Integer.getInteger("benchmark.records", 12_000_000);
        int queries = Integer.getInteger("benchmark.queries", 2000);
        CellKeyPerturbation ckm = new CellKeyPerturbation(PerturbationLookup.fromResource("disclosure/ptable_D5_V3_js2.csv"), 4096, 10);
        CubeIndex cubes = new CubeIndex(null);

        long start = System.nanoTime();
        populate(cubes, records, new SplittableRandom(2021));
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.out.printf("cube for %,d records: %,d cells, built in %.1f s, heap in use %,d MB%n",
                records, cubes.records().size(), buildSeconds, usedMb);

        TableService tables = new TableService(cubes, ckm, 10, 0.5);
        List<TableQuery> mix = List.of(
                new TableQuery("region", "gender", Map.of(), null),
                new TableQuery("localAuthority", "ageBand", Map.of(), null),
                new TableQuery("ethnicity", "imdDecile", Map.of(), null),
                new TableQuery("livingSituation", "region", Map.of("ageBand", List.of("13-17")), null),
                new TableQuery("age", "gender", Map.of("region", List.of("E12000007")), null),
                new TableQuery("ethnicityBroad", "region", Map.of("questionnaire", List.of("9-12", "9-12-easy-read")), "column"));
        for (TableQuery q : mix) {
            PublishedTable t = tables.table(q);
            System.out.printf("  %-16s x %-14s filters %-40s %5d cells, total %,d%n", q.rows(), q.columns(), q.filters(),
                    t.cells().size(), t.total().count());
        }
        // Warm-up, then the timed run.
        for (int i = 0; i < 200; i++) {
            tables.table(mix.get(i % mix.size()));
        }
        report("two-way tables, query mix", tables, mix, queries);
        report("region x gender", tables, List.of(mix.get(0)), queries);
        report("localAuthority x ageBand (296 x 4)", tables, List.of(mix.get(1)), queries);
    }

    private static void report(String name, TableService tables, List<TableQuery> mix, int queries) {
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            tables.table(mix.get(i % mix.size()));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("%-38s %5d queries: p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", name, queries,
                nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.95)] / 1e6, nanos[(int) (queries * 0.99)] / 1e6,
                nanos[queries - 1] / 1e6);
    }

    /** Adds synthetic records to the record cube as ingestion would (one cell each, count 1, its key). */
    static void populate(CubeIndex cubes, int records, SplittableRandom random) {
        double[] q = cumulative(QUESTIONNAIRE_WEIGHTS);
        double[] g = cumulative(GENDER_WEIGHTS);
        double[] e = cumulative(ETHNICITY_WEIGHTS);
        double[] l = cumulative(LIVING_WEIGHTS);
        double[] r = cumulative(REGION_WEIGHTS);
        List<String[]> las = new ArrayList<>();
        List<double[]> laWeights = new ArrayList<>();
        int code = 1;
        for (int region = 0; region < REGIONS.length; region++) {
            String[] codes = new String[LAS_PER_REGION[region]];
            double[] w = new double[codes.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = String.format("E06%06d", code++);
                w[i] = 1.0 / (i + 2); // a few big authorities, a long tail of small ones
            }
            las.add(codes);
            laWeights.add(cumulative(w));
        }
        String[] cell = new String[Dimension.values().length];
        for (int n = 0; n < records; n++) {
            int qi = pick(q, random);
            int age = AGES[qi][0] + random.nextInt(AGES[qi][1] - AGES[qi][0] + 1);
            int ei = pick(e, random);
            int ri = pick(r, random);
            int li = pick(l, random);
            boolean secure = LIVING[li].startsWith("secure") || LIVING[li].equals("young_offender_institution")
                    || LIVING[li].equals("inpatient_mental_health");
            cell[Dimension.QUESTIONNAIRE.ordinal()] = QUESTIONNAIRES[qi];
            cell[Dimension.AGE.ordinal()] = Integer.toString(age);
            cell[Dimension.AGE_BAND.ordinal()] = age <= 5 ? "4-5" : age <= 8 ? "6-8" : age <= 12 ? "9-12" : "13-17";
            cell[Dimension.GENDER.ordinal()] = GENDERS[pick(g, random)];
            cell[Dimension.ETHNICITY.ordinal()] = ETHNICITIES[ei];
            cell[Dimension.ETHNICITY_BROAD.ordinal()] = BROAD[ei];
            cell[Dimension.LIVING_SITUATION.ordinal()] = LIVING[li];
            cell[Dimension.REGION.ordinal()] = REGIONS[ri];
            cell[Dimension.LOCAL_AUTHORITY.ordinal()] = secure ? "NOT_PUBLISHED" : las.get(ri)[pick(laWeights.get(ri), random)];
            cell[Dimension.IMD_DECILE.ordinal()] = secure ? "NOT_PUBLISHED" : Integer.toString(1 + random.nextInt(10));
            cubes.records().add(cell, 1, random.nextInt(4096));
        }
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double x = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }
}
