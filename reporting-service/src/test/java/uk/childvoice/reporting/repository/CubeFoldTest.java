package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.cube.Cube;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.service.CubeFolder;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

/** The fold of stored records into the cubes in PostgreSQL, with the scheduled fold paused so that each test folds when it says. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class CubeFoldTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The records the stored cubes hold: those visible in the last fold's snapshot. */
    private static final String FOLDED = "WHERE pg_visible_in_snapshot(stored_xid, (SELECT snapshot FROM cube_fold))";

    @Inject
    CubeFolder folder;

    @Inject
    CubeRepository cubes;

    @Inject
    RecordRepository records;

    @Inject
    RetentionRepository retention;

    @Inject
    Scheduler scheduler;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    ReportingConfig config;

    @BeforeEach
    void pauseTheScheduledFoldAndFoldWhatIsStored() {
        scheduler.pause(CubeFolder.JOB);
        // A scheduled fold may be under way: it holds the fold, and this one skips until it is done.
        while (!folder.fold().await().atMost(WAIT).ran()) {
            Thread.onSpinWait();
        }
    }

    @AfterEach
    void resumeTheScheduledFold() {
        scheduler.resume(CubeFolder.JOB);
    }

    @Test
    void aFoldAddsEachStoredRecordToTheStoredCubesOnceFromTheSumsItsRefreshMade() {
        // given nine records stored (the consumer's transaction no longer touches the cubes)
        List<ResponseRecord> stored = store("fold-q", 9);
        long keys = stored.stream().mapToLong(ResponseRecord::recordKey).sum();
        assertThat(recordCube("fold-q")).containsExactly(0L, 0L);

        // when the stored records are folded (this instance did the last fold, before each test)
        CubeRepository.Fold fold = folder.fold().await().atMost(WAIT);

        // then every cube holds them, with their key sums, taken from the sums this instance's refresh made
        // (the records were not read a second time)
        assertThat(fold.ran()).isTrue();
        assertThat(fold.fromSums()).isTrue();
        assertThat(fold.records()).isGreaterThanOrEqualTo(9);
        assertThat(recordCube("fold-q")).containsExactly(9L, keys);
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM choice_cube WHERE questionnaire = 'fold-q' "
                + "AND question_id = 'feelingsFuture' AND option_code = '*'")).isEqualTo(9);
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM pair_cube WHERE questionnaire = 'fold-q' "
                + "AND question_a = 'feelingsFuture' AND option_a = '*' AND question_b = 'supportReceived' AND option_b = '*'")).isEqualTo(9);

        // and a second fold adds them no more: each record was folded once, and the stored cubes equal the records folded
        folder.fold().await().atMost(WAIT);
        assertThat(recordCube("fold-q")).containsExactly(9L, keys);
        assertTheStoredCubesHoldExactlyTheFoldedRecords();
    }

    @Test
    void aFoldAfterAnotherInstanceFoldedReadsTheRecordsAndTheNextTakesItsSumsAgain() {
        // given another instance folded last (here: a fold that has no instance's sums), and records stored since
        store("other-q", 4);
        cubes.fold(1000).await().atMost(WAIT);
        store("other-q", 5);

        // when this instance folds, and again after more records
        CubeRepository.Fold first = folder.fold().await().atMost(WAIT);
        store("other-q", 2);
        CubeRepository.Fold second = folder.fold().await().atMost(WAIT);

        // then the first read the records (its sums started elsewhere) and left the stored cubes where its new sums
        // start, so the second took them; every record is in the stored cubes once
        assertThat(first.fromSums()).isFalse();
        assertThat(second.fromSums()).isTrue();
        assertThat(recordCube("other-q").get(0)).isEqualTo(11L);
        assertTheStoredCubesHoldExactlyTheFoldedRecords();
    }

    @Test
    void aFoldReadingInPagesAndWritingItsSumsSeveralTimesAddsEachRecordOnce() {
        // given 23 records stored in two transactions (13 and 10)
        List<ResponseRecord> stored = store("paged-q", 13);
        stored.addAll(store("paged-q", 10));
        long keys = stored.stream().mapToLong(ResponseRecord::recordKey).sum();

        // when a fold reads them four records a page (a transaction in several pages) and writes its sums out
        // whenever they hold 50 cells (a record alone has about 40)
        CubeRepository.Fold fold = cubes.fold(4, 50, CubeRepository.Compaction.DEFAULT).await().atMost(WAIT);

        // then the stored cubes hold each record once, exactly as a fold in one piece would have
        assertThat(fold.records()).isGreaterThanOrEqualTo(23);
        assertThat(recordCube("paged-q")).containsExactly(23L, keys);
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM choice_cube WHERE questionnaire = 'paged-q' "
                + "AND question_id = 'supportReceived' AND option_code = 'teacher'")).isEqualTo(23);
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM pair_cube WHERE questionnaire = 'paged-q' "
                + "AND question_a = 'feelingsFuture' AND option_a = 'not_sure' AND question_b = 'supportReceived' AND option_b = 'teacher'"))
                .isEqualTo(23);
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube")).isEqualTo(count("SELECT count(*) FROM response_record " + FOLDED));
    }

    @Test
    void aFoldLetsGoOfEachSumOnceItIsWritten() {
        // given 60 records stored, to be folded four a page and written out every 50 cells: about fifteen sums one after another
        store("released-q", 60);
        List<WeakReference<Cube>> made = new ArrayList<>();
        AtomicInteger mostStillHeld = new AtomicInteger();
        cubes.sumsFrom(() -> {
            // each time the fold starts a new sum, count the sums before the one it just wrote that are still reachable
            mostStillHeld.accumulateAndGet(stillHeldAfterGc(made.subList(0, Math.max(0, made.size() - 1))), Math::max);
            RecordCubes sums = RecordCubes.empty();
            made.add(new WeakReference<>(sums.choices()));
            return sums;
        });
        try {
            // when they are folded
            CubeRepository.Fold fold = cubes.fold(4, 50, CubeRepository.Compaction.DEFAULT).await().atMost(WAIT);

            // then the fold wrote many sums and, while it went on, held on to at most one it had already written: the
            // number held does not grow with the sums written (a chain of flatMaps held every one until the fold's end,
            // so a fold far behind after a peak ran out of heap). One is allowed because a collector, or a connection
            // finishing the last write, may still see the one just before; a leak holds a dozen here.
            assertThat(fold.records()).isGreaterThanOrEqualTo(60);
            assertThat(made).hasSizeGreaterThan(10);
            assertThat(mostStillHeld.get()).isLessThanOrEqualTo(1);
            assertThat(recordCube("released-q").get(0)).isEqualTo(60L);
        } finally {
            cubes.sumsFrom(RecordCubes::empty);
        }
    }

    @Test
    void aFoldLetsGoOfEachStatementsParametersOnceItIsSent() {
        // given 20 records stored, whose sums are written three cells a statement: dozens of statements one after another
        store("slices-q", 20);
        List<WeakReference<Object>> sent = new ArrayList<>();
        AtomicInteger mostStillHeld = new AtomicInteger();
        cubes.slicesOf(3, parameters -> {
            // as each statement is made, count the statements before the last one whose parameters are still reachable
            mostStillHeld.accumulateAndGet(stillHeldAfterGc(sent.subList(0, Math.max(0, sent.size() - 1))), Math::max);
            sent.add(new WeakReference<>(parameters));
        });
        try {
            // when they are folded
            CubeRepository.Fold fold = cubes.fold(1_000, CubeRepository.FOLD_FLUSH_CELLS, CubeRepository.Compaction.DEFAULT)
                    .await().atMost(WAIT);

            // then the fold sent many statements and, while it went on, held the parameters of at most one it had
            // already sent (a chain of flatMaps from each statement to the next held them all: about 25 MB a fold in the replay)
            assertThat(fold.records()).isGreaterThanOrEqualTo(20);
            assertThat(sent).hasSizeGreaterThan(10);
            assertThat(mostStillHeld.get()).isLessThanOrEqualTo(1);
            assertThat(recordCube("slices-q").get(0)).isEqualTo(20L);
        } finally {
            cubes.slicesOf(CubeRepository.WRITE_SLICE, parameters -> {
            });
        }
    }

    /** How many of the referents are still reachable after collecting, asking the collector a few times while any are. */
    private static int stillHeldAfterGc(List<? extends WeakReference<?>> refs) {
        int held = Integer.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && held > 0; attempt++) {
            System.gc();
            held = (int) refs.stream().filter(ref -> ref.get() != null).count();
        }
        return held;
    }

    @Test
    void foldsAppendRowsAndACompactionLeavesOneRowACellWithTheSameFigures() {
        // given twelve records of the same cells folded in two folds: their cells have a row from each fold
        List<ResponseRecord> stored = store("compact-q", 6);
        folder.fold().await().atMost(WAIT);
        stored.addAll(store("compact-q", 6));
        folder.fold().await().atMost(WAIT);
        long keys = stored.stream().mapToLong(ResponseRecord::recordKey).sum();
        assertThat(count("SELECT count(*) FROM choice_cube WHERE questionnaire = 'compact-q'"))
                .isGreaterThan(count("SELECT count(DISTINCT (question_id, option_code, age_band, gender, ethnicity_broad, region, imd_decile)) "
                        + "FROM choice_cube WHERE questionnaire = 'compact-q'"));
        List<String> before = List.of(figures("record_cube", RECORD), figures("choice_cube", CHOICE), figures("pair_cube", PAIR));

        // when the stored cubes are compacted
        long left = cubes.compactNow().await().atMost(WAIT);

        // then each cell has one row, with the same figures as its rows had together
        assertThat(List.of(figures("record_cube", RECORD), figures("choice_cube", CHOICE), figures("pair_cube", PAIR))).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM record_cube")).isEqualTo(count("SELECT count(DISTINCT (" + RECORD + ")) FROM record_cube"));
        assertThat(count("SELECT count(*) FROM choice_cube")).isEqualTo(count("SELECT count(DISTINCT (" + CHOICE + ")) FROM choice_cube"));
        assertThat(count("SELECT count(*) FROM pair_cube")).isEqualTo(count("SELECT count(DISTINCT (" + PAIR + ")) FROM pair_cube"));
        assertThat(recordCube("compact-q")).containsExactly(12L, keys);
        // and the fold's bookkeeping counts from the rows left
        assertThat(left).isEqualTo(count("SELECT (SELECT count(*) FROM record_cube) + (SELECT count(*) FROM choice_cube) + (SELECT count(*) FROM pair_cube)"));
        assertThat(count("SELECT rows_compacted FROM cube_fold")).isEqualTo(left);
        assertThat(count("SELECT rows_appended FROM cube_fold")).isZero();
    }

    @Test
    void aFoldCompactsTheCubesWhenCompactionIsDueAndOnlyThen() {
        // given records folded in when compaction is not due
        store("threshold-q", 3);
        long appendedBefore = count("SELECT rows_appended FROM cube_fold");
        long rowsBefore = count("SELECT (SELECT count(*) FROM record_cube) + (SELECT count(*) FROM choice_cube) + (SELECT count(*) FROM pair_cube)");
        CubeRepository.Fold quiet = cubes.fold(1000, CubeRepository.FOLD_FLUSH_CELLS, CubeRepository.Compaction.always(3, Long.MAX_VALUE / 4))
                .await().atMost(WAIT);
        long appended = count("SELECT rows_appended FROM cube_fold") - appendedBefore;
        assertThat(quiet.compacted()).isFalse();
        assertThat(appended).isPositive()
                .isEqualTo(count("SELECT (SELECT count(*) FROM record_cube) + (SELECT count(*) FROM choice_cube) + (SELECT count(*) FROM pair_cube)")
                        - rowsBefore);

        // when more are folded in when it is due (any row appended)
        store("threshold-q", 3);
        CubeRepository.Fold compacting = cubes.fold(1000, CubeRepository.FOLD_FLUSH_CELLS, CubeRepository.Compaction.always(0, 0))
                .await().atMost(WAIT);

        // then that fold compacted the cubes in its transaction: one row a cell, the six records counted once each
        assertThat(compacting.compacted()).isTrue();
        assertThat(count("SELECT rows_appended FROM cube_fold")).isZero();
        assertThat(count("SELECT count(*) FROM choice_cube")).isEqualTo(count("SELECT count(DISTINCT (" + CHOICE + ")) FROM choice_cube"));
        assertThat(recordCube("threshold-q").get(0)).isEqualTo(6L);
    }

    @Test
    void theConfiguredCompactionThresholdsDefaultToTheRepositorysOwn() {
        ReportingConfig.Cube.Compaction c = config.cube().compaction();
        assertThat(new CubeRepository.Compaction(c.factor(), c.minimumRows(), c.busyFoldRecords(), c.busyFactor()))
                .isEqualTo(CubeRepository.Compaction.DEFAULT);
    }

    @Test
    void theFoldersGaugeShowsTheRowsAppendedSinceTheLastCompaction() {
        // given records stored since the last fold
        store("gauge-q", 2);

        // when this instance folds them (the default thresholds: far from a compaction)
        CubeRepository.Fold fold = folder.fold().await().atMost(WAIT);

        // then the gauge shows the rows waiting for a compaction, as the fold row counts them
        assertThat(fold.compacted()).isFalse();
        long waiting = count("SELECT rows_appended FROM cube_fold");
        assertThat(waiting).isPositive();
        assertThat(registry.get("reporting.cube.rows.uncompacted").gauge().value()).isEqualTo((double) waiting);
        assertThat(registry.get("reporting.cube.compactions").counter().count()).isZero();
    }

    @Test
    void aFoldOfManyRecordsLeavesADueCompactionToTheNextQuietFold() {
        // given compaction due at any row appended, unless a fold holds at least 3 records
        CubeRepository.Compaction waitsWhileBusy = new CubeRepository.Compaction(0, 1, 3, Integer.MAX_VALUE);
        store("busy-q", 3);

        // when a fold of 3 records appends rows
        CubeRepository.Fold busy = cubes.fold(1000, CubeRepository.FOLD_FLUSH_CELLS, waitsWhileBusy).await().atMost(WAIT);

        // then it leaves them uncompacted, and says how many rows wait
        assertThat(busy.records()).isEqualTo(3);
        assertThat(busy.compacted()).isFalse();
        assertThat(count("SELECT rows_appended FROM cube_fold")).isPositive().isEqualTo(busy.rowsUncompacted());

        // and the next fold, of one record, compacts them all: one row a cell, the four records counted once each
        store("busy-q", 1);
        CubeRepository.Fold quiet = cubes.fold(1000, CubeRepository.FOLD_FLUSH_CELLS, waitsWhileBusy).await().atMost(WAIT);
        assertThat(quiet.records()).isEqualTo(1);
        assertThat(quiet.compacted()).isTrue();
        assertThat(quiet.rowsUncompacted()).isZero();
        assertThat(count("SELECT rows_appended FROM cube_fold")).isZero();
        assertThat(count("SELECT count(*) FROM choice_cube")).isEqualTo(count("SELECT count(DISTINCT (" + CHOICE + ")) FROM choice_cube"));
        assertThat(recordCube("busy-q").get(0)).isEqualTo(4L);
    }

    @Test
    void aFoldHeldByAnotherInstanceIsSkippedNotWaitedFor() {
        // given records stored, and another instance in the middle of a fold (holding the fold row)
        store("held-q", 3);
        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        Transaction tx = other.begin().await().atMost(WAIT);
        try {
            other.query("SELECT 1 FROM cube_fold WHERE id = 1 FOR UPDATE").execute().await().atMost(WAIT);

            // when this instance folds, it skips at once and folds nothing
            assertThat(folder.fold().await().atMost(Duration.ofSeconds(5))).isEqualTo(CubeRepository.Fold.SKIPPED);
            assertThat(recordCube("held-q")).containsExactly(0L, 0L);
        } finally {
            tx.rollback().await().atMost(WAIT);
            other.close().await().atMost(WAIT);
        }

        // and once the other is done, the next fold takes them
        assertThat(folder.fold().await().atMost(WAIT).records()).isGreaterThanOrEqualTo(3);
        assertThat(recordCube("held-q").get(0)).isEqualTo(3L);
    }

    @Test
    void retentionDeletesARecordNotYetFoldedWithoutSubtractingItFromTheStoredCubes() {
        // given four expired records stored but not yet folded
        store("unfolded-q", 4);
        List<String> kept = new ArrayList<>();
        pool.query("SELECT DISTINCT questionnaire_id FROM response_record WHERE questionnaire_id <> 'unfolded-q'").execute()
                .await().atMost(WAIT).forEach(row -> kept.add(row.getString(0)));

        // when retention deletes them, and a fold follows
        assertThat(retention.deleteBatch(kept, 100).await().atMost(WAIT)).isEqualTo(4);
        folder.fold().await().atMost(WAIT);

        // then they were never in the stored cubes, nor subtracted from them (no negative counts), and the cubes equal the records
        assertThat(recordCube("unfolded-q")).containsExactly(0L, 0L);
        assertThat(count("SELECT count(*) FROM choice_cube WHERE questionnaire = 'unfolded-q'")).isZero();
        assertThat(count("SELECT count(*) FROM record_cube WHERE record_count < 0")).isZero();
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube")).isEqualTo(count("SELECT count(*) FROM response_record " + FOLDED));
    }

    @Test
    void storedChoicesAreTheJsonTheServiceMadeAndTextThatIsNotJsonFailsTheWholeBatch() {
        // given one good record and one whose choices are not JSON, in one batch
        ResponseRecord good = RecordMapper.map(TestEvents.forQuestionnaire("json-q", "E12000004", "girl", 301), 4096);
        ResponseRecord source = RecordMapper.map(TestEvents.forQuestionnaire("json-q", "E12000004", "girl", 302), 4096);
        ResponseRecord broken = new ResponseRecord(source.responseId(), source.questionnaireId(), source.questionnaireVersion(),
                source.submittedOn(), source.ageStatus(), source.age(), source.ageBand(), source.ethnicityBroad(), source.secureSetting(),
                source.geographyStatus(), source.geographySource(), source.region(), source.lad(), source.ladName(), source.imdDecile(),
                source.imdEdition(), source.dataVersion(), "{\"q\": [\"a\"", source.recordKey(), source.freeText(), source.recordCell(),
                source.cubeOptions());

        // then PostgreSQL refuses the batch (the column is json: checked, not parsed into jsonb's binary form) and stores neither
        assertThatThrownBy(() -> records.storeNew(List.of(good, broken)).await().atMost(WAIT))
                .hasMessageContaining("json");
        assertThat(count("SELECT count(*) FROM response_record WHERE questionnaire_id = 'json-q'")).isZero();

        // and a good record's choices come back as exactly the text the service made (jsonb would print its own form)
        assertThat(records.storeNew(List.of(good)).await().atMost(WAIT)).hasSize(1);
        String storedChoices = pool.preparedQuery("SELECT choices::text FROM response_record WHERE response_id = $1")
                .execute(Tuple.of(good.responseId())).await().atMost(WAIT).iterator().next().getString(0);
        assertThat(storedChoices).isEqualTo(good.choicesJson());
    }

    private List<ResponseRecord> store(String questionnaire, int n) {
        List<ResponseRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(RecordMapper.map(TestEvents.forQuestionnaire(questionnaire, "E12000004", "boy", 200 + 17 * i), 4096));
        }
        assertThat(records.storeNew(batch).await().atMost(WAIT)).hasSize(n);
        return new ArrayList<>(batch);
    }

    /** The questionnaire's count and key sum in the stored record cube. */
    private List<Long> recordCube(String questionnaire) {
        var row = pool.preparedQuery("SELECT coalesce(sum(record_count), 0), coalesce(sum(key_sum), 0) FROM record_cube WHERE questionnaire = $1")
                .execute(Tuple.of(questionnaire)).await().atMost(WAIT).iterator().next();
        return List.of(row.getLong(0), row.getLong(1));
    }

    private static final String RECORD = "questionnaire, age, age_band, gender, ethnicity, ethnicity_broad, living_situation, region, "
            + "local_authority, imd_decile";
    private static final String CHOICE = "question_id, option_code, questionnaire, age_band, gender, ethnicity_broad, region, imd_decile";
    private static final String PAIR = "question_a, option_a, question_b, option_b, questionnaire";

    /** A cube's cells with their figures (the sums of each cell's rows, cells summing to nothing left out), as one text. */
    private String figures(String table, String columns) {
        return pool.query("SELECT coalesce(string_agg(cell, ';' ORDER BY cell), '') FROM (SELECT concat_ws(',', " + columns
                        + ", sum(record_count), sum(key_sum)) AS cell FROM " + table + " GROUP BY " + columns
                        + " HAVING sum(record_count) <> 0 OR sum(key_sum) <> 0) c")
                .execute().await().atMost(WAIT).iterator().next().getString(0);
    }

    private void assertTheStoredCubesHoldExactlyTheFoldedRecords() {
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube")).isEqualTo(count("SELECT count(*) FROM response_record " + FOLDED));
        assertThat(count("SELECT coalesce(sum(key_sum), 0) FROM record_cube"))
                .isEqualTo(count("SELECT coalesce(sum(record_key), 0) FROM response_record " + FOLDED));
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }
}
