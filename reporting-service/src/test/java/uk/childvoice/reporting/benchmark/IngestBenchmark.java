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
import uk.childvoice.reporting.repository.RecordRepository;
import uk.childvoice.reporting.repository.ResponseRecord;
import uk.childvoice.testsupport.PostgresResource;

/**
 * Ingestion rate through the real batch write path: synthetic de-identified events are mapped by
 * {@link RecordMapper} and stored by {@link RecordRepository#storeNew} (records, free text and both
 * cube upserts in one transaction per batch of 500, as the Kafka consumer does) into the embedded
 * PostgreSQL 17 of test-support, migrated with the service's own migration scripts. Batches are written
 * one after another, as one consumer instance writes them. Prints records/s and batch latency.
 *
 * <p>Run with the table benchmark: {@code ./mvnw -B -o -q -pl reporting-service -Pbenchmark test-compile exec:exec}
 * (optional {@code -Dbenchmark.ingest.records=200000}).
 */
public final class IngestBenchmark {
    private static final int BATCH = 500;
    private static final String[] REGIONS = {"E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006",
        "E12000007", "E12000008", "E12000009"};
    private static final String[] GENDERS = {"girl", "boy", "non_binary", "PREFER_NOT_TO_SAY"};
    private static final String[] ETHNICITIES = {"white_british", "asian_pakistani", "black_african", "mixed_white_asian", "other"};
    private static final String[] LIVING = {"with_parents", "with_one_parent", "foster_parents", "childrens_home"};
    private static final String[] SUPPORT = {"teacher", "counsellor_therapist", "social_worker", "doctor_nurse", "youth_worker"};
    private static final String[] FEELINGS = {"happy", "okay", "not_sure", "worried"};

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
        RecordRepository repository = new RecordRepository(pool, new CubeRepository(pool));

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

        long[] nanos = new long[batches.size()];
        long stored = 0;
        long start = System.nanoTime();
        for (int b = 0; b < batches.size(); b++) {
            long t0 = System.nanoTime();
            stored += repository.storeNew(batches.get(b)).await().indefinitely().size();
            nanos[b] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cubeCells = pool.query("SELECT (SELECT count(*) FROM record_cube) + (SELECT count(*) FROM choice_cube)").execute()
                .await().indefinitely().iterator().next().getLong(0);
        Arrays.sort(nanos);
        int n = nanos.length;
        System.out.printf("ingestion: %,d records in %,d batches of %d in %.1f s: %,.0f records/s; cube cells now %,d%n",
                stored, n, BATCH, seconds, stored / seconds, cubeCells);
        System.out.printf("batch latency (%d records, one transaction): p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                BATCH, nanos[n / 2] / 1e6, nanos[(int) (n * 0.95)] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
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

    /** A de-identified response with varied dimensions, closed answers and one scrubbed free-text answer. */
    private static DeidentifiedResponseEvent event(SplittableRandom random) {
        String region = REGIONS[random.nextInt(REGIONS.length)];
        DeidentifiedResponseEvent e = TestEvents.response(region, String.format("E06%06d", 1 + random.nextInt(300)),
                GENDERS[random.nextInt(GENDERS.length)], random.nextInt(4096));
        e.setResponseId(UUID.randomUUID().toString());
        e.setAge(13 + random.nextInt(5));
        e.getArea().setImdDecile(1 + random.nextInt(10));
        for (ChoiceAnswer c : e.getChoices()) {
            switch (c.getQuestionId()) {
                case "ethnicity" -> c.setCodes(List.of(ETHNICITIES[random.nextInt(ETHNICITIES.length)]));
                case "livingSituation" -> c.setCodes(List.of(LIVING[random.nextInt(LIVING.length)]));
                case "supportReceived" -> c.setCodes(List.of(SUPPORT[random.nextInt(SUPPORT.length)], SUPPORT[random.nextInt(SUPPORT.length)])
                        .stream().distinct().toList());
                case "feelingsFuture" -> c.setCodes(List.of(FEELINGS[random.nextInt(FEELINGS.length)]));
                default -> c.setStatus(AnswerStatus.ANSWERED);
            }
        }
        return e;
    }
}
