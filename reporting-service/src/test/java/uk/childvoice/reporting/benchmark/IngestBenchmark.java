package uk.childvoice.reporting.benchmark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.repository.CubeRepository;
import uk.childvoice.reporting.repository.RecordCubes;
import uk.childvoice.reporting.repository.RecordRepository;
import uk.childvoice.reporting.repository.ResponseRecord;
import uk.childvoice.testsupport.PostgresResource;

/**
 * Ingestion rate through the real write paths, into the embedded PostgreSQL 17 of test-support, migrated
 * with the service's own migration scripts: synthetic de-identified events are mapped by
 * {@link RecordMapper} and stored by {@link RecordRepository#storeNew} (records and free text in one
 * transaction per batch, as the Kafka consumer does), batches one after another as one consumer
 * instance writes them; then the whole backlog is folded into the stored cubes by
 * {@link CubeRepository#fold}, as the fold does after falling behind. Prints records/s for each and
 * batch latency.
 *
 * <p>Run with the table benchmark: {@code ./mvnw -B -o -q -pl reporting-service -Pbenchmark test-compile exec:exec}
 * (optional {@code -Dbenchmark.ingest.records=200000}, {@code -Dbenchmark.ingest.batch=500},
 * {@code -Dbenchmark.ingest.fold-chunk=1000}).
 */
public final class IngestBenchmark {
    /** Records per transaction: the consumer's max.poll.records (1,000) unless {@code -Dbenchmark.ingest.batch} says otherwise. */
    private static final int BATCH = Integer.getInteger("benchmark.ingest.batch", 1000);
    /** Records summed in memory at a time by the fold: the service's default unless {@code -Dbenchmark.ingest.fold-chunk} says otherwise. */
    private static final int FOLD_CHUNK = Integer.getInteger("benchmark.ingest.fold-chunk", 1_000);
    private static final String[] REGIONS = {"E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006",
        "E12000007", "E12000008", "E12000009"};
    // The closed questions of the 13-17 questionnaire (survey-intake's definitions), with their option codes,
    // so that each record touches as many choice- and pair-cube cells as a generated response does.
    private static final String[] HAPPY = {"very_happy", "happy", "okay", "unhappy", "very_unhappy"};
    private static final String[][] SINGLE = {
        HAPPY, HAPPY, HAPPY, HAPPY,
        {"a_lot", "a_little", "not_at_all"},
        {"very_positive", "positive", "not_sure", "worried", "very_worried"}};
    private static final String[] SINGLE_IDS = {"happyFamilyLife", "happyFriends", "happyLocalArea", "happyThingsToDo",
        "worryEnvironment", "feelingsFuture"};
    private static final String[][] MULTIPLE = {
        {"good_job", "enough_money", "nice_home", "good_health", "family", "friends", "education", "making_a_difference", "other"},
        {"money", "school", "health", "mental_health", "where_i_live", "family", "discrimination", "not_enough_support", "covid",
            "nothing", "other"},
        {"youth_group", "teacher", "teaching_assistant", "youth_offending_team", "counsellor_therapist", "social_worker", "mentor",
            "advocate", "other", "none"}};
    private static final String[] MULTIPLE_IDS = {"goodLifeThings", "barriers", "supportReceived"};
    private static final String[] GENDERS = {"girl", "boy", "other", "PREFER_NOT_TO_SAY"};
    private static final String[] ETHNICITIES = {"asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese",
        "asian_other", "black_caribbean", "black_african", "black_other", "mixed_white_black_caribbean", "mixed_white_black_african",
        "mixed_white_asian", "mixed_other", "white_british", "white_irish", "white_gypsy_irish_traveller", "white_roma",
        "white_other", "other_arab", "other_any"};
    private static final String[] ETHNICITY_BROAD = {"asian", "asian", "asian", "asian", "asian", "black", "black", "black",
        "mixed", "mixed", "mixed", "mixed", "white", "white", "white", "white", "white", "other", "other"};
    private static final String[] LIVING = {"with_parents", "foster_parents", "other_relatives", "childrens_home",
        "supported_accommodation", "on_my_own", "friends_or_hostel", "other"};
    private static final String[][] QUESTIONNAIRES = {{"6-8", "6-8"}, {"9-12", "9-12"}, {"13-17", "13-17"}, {"6-8-easy-read", "6-8"},
        {"9-12-easy-read", "9-12"}};

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(Integer.getInteger("benchmark.ingest.records", 200_000));
        System.exit(0);
    }

    static void run(int records) throws Exception {
        String jdbc = PostgresResource.jdbcUrl("reporting");
        URI uri = URI.create(jdbc.substring("jdbc:".length()));
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                        .setDatabase(uri.getPath().substring(1)).setUser(PostgresResource.username())
                        .setPassword(PostgresResource.password()).setCachePreparedStatements(true))
                .using(vertx).build();
        migrate(pool);
        RecordRepository repository = new RecordRepository(pool);
        CubeRepository cubes = new CubeRepository(pool);

        SplittableRandom random = new SplittableRandom(2021);
        List<List<ResponseRecord>> batches = new ArrayList<>();
        for (int n = 0; n < records; n += BATCH) {
            List<ResponseRecord> batch = new ArrayList<>(BATCH);
            for (int i = n; i < Math.min(records, n + BATCH); i++) {
                batch.add(RecordMapper.map(event(random), 4096));
            }
            batches.add(batch);
        }
        // Warm-up: prepared statements, JIT, the cube's first rows (these records count in the store, not in the figures).
        for (int i = 0; i < 5; i++) {
            List<ResponseRecord> warm = new ArrayList<>();
            for (int j = 0; j < BATCH; j++) {
                warm.add(RecordMapper.map(event(random), 4096));
            }
            repository.storeNew(warm).await().indefinitely();
        }
        cubes.fold(FOLD_CHUNK).await().indefinitely();
        CubeRepository.Position folded = cubes.readAll(row -> { }, row -> { }, row -> { }).await().indefinitely();

        double[] cpu = cpuSeconds(pool);
        long[] nanos = new long[batches.size()];
        long stored = 0;
        long start = System.nanoTime();
        for (int b = 0; b < batches.size(); b++) {
            long t0 = System.nanoTime();
            stored += repository.storeNew(batches.get(b)).await().indefinitely().size();
            nanos[b] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] storeCpu = since(cpu, cpu = cpuSeconds(pool));

        // What every instance's refresh does with each record stored: read it back and add it to its in-memory cubes.
        long readStart = System.nanoTime();
        RecordCubes readBack = RecordCubes.empty();
        long[] read = new long[1];
        cubes.readStoredSince(folded, r -> {
            readBack.add(r.contribution());
            read[0]++;
        }).await().indefinitely();
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        double[] readCpu = since(cpu, cpu = cpuSeconds(pool));

        long foldStart = System.nanoTime();
        CubeRepository.Fold fold = cubes.fold(FOLD_CHUNK).await().indefinitely();
        double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
        double[] foldCpu = since(cpu, cpu = cpuSeconds(pool));
        io.vertx.mutiny.sqlclient.Row cells = pool.query("SELECT (SELECT count(*) FROM record_cube), (SELECT count(*) FROM choice_cube), "
                + "(SELECT count(*) FROM pair_cube)").execute().await().indefinitely().iterator().next();
        Arrays.sort(nanos);
        int n = nanos.length;
        System.out.printf("storing: %,d records in %,d batches of %d in %.1f s: %,.0f records/s%n", stored, n, BATCH, seconds, stored / seconds);
        System.out.printf("folding: %,d records into the stored cubes in %.1f s (chunks of %,d): %,.0f records/s; cube rows now "
                + "(append-only, a cell may have several): record %,d, choice %,d, pair %,d%n", fold.records(), foldSeconds, FOLD_CHUNK, fold.records() / foldSeconds,
                cells.getLong(0), cells.getLong(1), cells.getLong(2));
        System.out.printf("both, one after the other: %,.0f records/s%n", stored / (seconds + foldSeconds));
        System.out.printf("reading back (as a refresh does): %,d records in %.1f s: %,.0f records/s%n", read[0], readSeconds,
                read[0] / readSeconds);
        System.out.printf("CPU per record (ms): PostgreSQL storing %.3f, reading back %.3f, folding %.3f; "
                + "this process storing %.3f, reading back %.3f, folding %.3f%n",
                storeCpu[0] * 1e3 / stored, readCpu[0] * 1e3 / stored, foldCpu[0] * 1e3 / stored,
                storeCpu[1] * 1e3 / stored, readCpu[1] * 1e3 / stored, foldCpu[1] * 1e3 / stored);
        System.out.printf("batch latency (%d records, one transaction): p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                BATCH, nanos[n / 2] / 1e6, nanos[(int) (n * 0.95)] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    /**
     * CPU-seconds used so far by PostgreSQL (every server process pg_stat_activity lists: the pool's
     * backends and the background writers, read from /proc) and by this process.
     */
    private static double[] cpuSeconds(Pool pool) throws Exception {
        double postgres = 0;
        for (io.vertx.mutiny.sqlclient.Row row : pool.query("SELECT pid FROM pg_stat_activity").execute().await().indefinitely()) {
            Path stat = Path.of("/proc", String.valueOf(row.getInteger(0)), "stat");
            if (Files.exists(stat)) {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks of 1/100 s
                postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            }
        }
        double self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new double[] {postgres, self};
    }

    private static double[] since(double[] before, double[] now) {
        return new double[] {now[0] - before[0], now[1] - before[1]};
    }

    /**
     * Applies the service's own migration scripts in version order. Why not Flyway here: the Flyway
     * PostgreSQL plugin comes with the Quarkus extension's runtime, not on this plain classpath.
     */
    private static void migrate(Pool pool) throws Exception {
        Path dir = Path.of(IngestBenchmark.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path script : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList()) {
                pool.query(Files.readString(script)).execute().await().indefinitely();
            }
        }
    }

    /**
     * A de-identified response shaped like the project's generator's: one of five questionnaires, varied
     * area and dimensions, the 13-17 questionnaire's closed questions (one to four options on the
     * multiple-choice ones, about 2.5 on average), the local council named, one scrubbed free-text answer.
     */
    static DeidentifiedResponseEvent event(SplittableRandom random) {
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String lad = String.format("E06%06d", 1 + random.nextInt(300));
        DeidentifiedResponseEvent e = TestEvents.response(region, lad, GENDERS[random.nextInt(GENDERS.length)], random.nextInt(4096));
        String[] questionnaire = QUESTIONNAIRES[random.nextInt(QUESTIONNAIRES.length)];
        e.setQuestionnaireId(questionnaire[0]);
        e.setAgeBand(questionnaire[1]);
        e.setResponseId(UUID.randomUUID().toString());
        e.setAge(13 + random.nextInt(5));
        e.getArea().setImdDecile(1 + random.nextInt(10));
        int ethnicity = skewed(random, ETHNICITIES.length);
        e.setEthnicityBroad(ETHNICITY_BROAD[ethnicity]);
        List<ChoiceAnswer> choices = new ArrayList<>();
        for (ChoiceAnswer c : e.getChoices()) {
            switch (c.getQuestionId()) {
                case "gender" -> { }
                case "ethnicity" -> c.setCodes(List.of(ETHNICITIES[ethnicity]));
                case "livingSituation" -> c.setCodes(List.of(LIVING[skewed(random, LIVING.length)]));
                default -> {
                    continue;
                }
            }
            choices.add(c);
        }
        for (int q = 0; q < SINGLE.length; q++) {
            choices.add(answer(SINGLE_IDS[q], List.of(SINGLE[q][random.nextInt(SINGLE[q].length)])));
        }
        for (int q = 0; q < MULTIPLE.length; q++) {
            int n = 1 + random.nextInt(4);
            List<String> codes = new ArrayList<>();
            while (codes.size() < n) {
                String code = MULTIPLE[q][random.nextInt(MULTIPLE[q].length)];
                if (!codes.contains(code)) {
                    codes.add(code);
                }
            }
            choices.add(answer(MULTIPLE_IDS[q], codes));
        }
        choices.add(answer("localCouncil", List.of(lad)));
        e.setChoices(choices);
        return e;
    }

    /** An index where the first categories are far more common than the tail (as ethnicity and living situation are). */
    private static int skewed(SplittableRandom random, int n) {
        return Math.min(n - 1, (int) (-Math.log(1 - random.nextDouble()) * n / 6));
    }

    private static ChoiceAnswer answer(String questionId, List<String> codes) {
        return ChoiceAnswer.newBuilder().setQuestionId(questionId).setStatus(AnswerStatus.ANSWERED).setCodes(codes).build();
    }
}
