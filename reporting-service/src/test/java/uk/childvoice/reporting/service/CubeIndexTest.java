package uk.childvoice.reporting.service;

import uk.childvoice.reporting.cube.Cube;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.repository.CubeRepository;
import uk.childvoice.reporting.repository.RecordRepository;
import uk.childvoice.reporting.repository.ResponseRecord;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class CubeIndexTest {
    private static final String QUESTIONNAIRE = "index-q";

    @Inject
    CubeIndex cubes;

    @Inject
    RecordRepository records;

    @Inject
    CubeRepository cubeRepository;

    @Inject
    Pool pool;

    @Inject
    CubeFolder folder;

    @Inject
    Scheduler scheduler;

    @Test
    void recordsStoredByAnyInstanceAreAddedOnceAndRetentionMakesTheCubesReadWhole() throws InterruptedException {
        // given 12 records stored straight into the database, as another replica stores them (not through this
        // instance's consumer)
        List<ResponseRecord> stored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stored.add(RecordMapper.map(TestEvents.forQuestionnaire(QUESTIONNAIRE, "E12000003", "girl", 100 + i), 4096));
        }
        records.storeNew(stored).await().atMost(Duration.ofSeconds(30));

        // when the in-memory cubes refresh (on their schedule, and here on demand as well)
        cubes.refresh().await().atMost(Duration.ofSeconds(30));

        // then each record is in each cube once, and stays once over further refreshes and folds into the stored cubes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts(cubes)).containsExactly(12L, 12L, 12L));
        Thread.sleep(2_500);
        cubes.refresh().await().atMost(Duration.ofSeconds(30));
        assertThat(counts(cubes)).containsExactly(12L, 12L, 12L);

        // and an instance starting now (stored cubes plus the records stored since their last fold) counts them once too
        assertThat(counts(startingInstance())).containsExactly(12L, 12L, 12L);

        // and when retention deletes five of them once folded (subtracting them from the stored cubes and moving the epoch)
        await().atMost(Duration.ofSeconds(10)).until(() -> unfolded() == 0);
        List<ResponseRecord> expired = stored.subList(0, 5);
        pool.withTransaction(conn -> cubeRepository.lockFold(conn)
                        .flatMap(folded -> conn.preparedQuery("DELETE FROM response_record WHERE response_id = ANY($1)")
                                .execute(Tuple.of((Object) expired.stream().map(ResponseRecord::responseId).toArray(String[]::new))))
                        .flatMap(deleted -> cubeRepository.apply(conn, expired, -1))
                        .flatMap(ignored -> cubeRepository.bumpEpoch(conn)))
                .await().atMost(Duration.ofSeconds(30));

        // then the cubes are read whole again and hold the seven left, as they do for an instance starting now
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts(cubes)).containsExactly(7L, 7L, 7L));
        assertThat(counts(startingInstance())).containsExactly(7L, 7L, 7L);
    }

    @Test
    void anInstanceStartingBeforeTheFoldCountsTheUnfoldedRecordsFromTheRecords() {
        // given records stored while no fold runs (the scheduled fold paused, and a fold done now to start clean)
        scheduler.pause(CubeFolder.JOB);
        try {
            while (!folder.fold().await().atMost(Duration.ofSeconds(30)).ran()) {
                Thread.onSpinWait();
            }
            List<ResponseRecord> stored = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                stored.add(RecordMapper.map(TestEvents.forQuestionnaire("unfolded-index-q", "E12000005", "boy", 300 + i), 4096));
            }
            records.storeNew(stored).await().atMost(Duration.ofSeconds(30));

            // when an instance starts, and again after the fold
            CubeIndex before = startingInstance();
            folder.fold().await().atMost(Duration.ofSeconds(30));
            CubeIndex after = startingInstance();

            // then both count the six once, in every cube (from the records before the fold, from the stored cubes after)
            assertThat(counts(before, "unfolded-index-q")).containsExactly(6L, 6L, 6L);
            assertThat(counts(after, "unfolded-index-q")).containsExactly(6L, 6L, 6L);
        } finally {
            scheduler.resume(CubeFolder.JOB);
        }
    }

    @Test
    void aRefreshAskedForWhileOneRunsCompletesOnlyOnceTheRecordsStoredBeforeItAreIn() {
        // given an instance up to date, then records stored, and a refresh of that instance under way
        CubeIndex index = startingInstance();
        List<ResponseRecord> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(RecordMapper.map(TestEvents.forQuestionnaire("awaited-q", "E12000006", "girl", 500 + i), 4096));
        }
        records.storeNew(stored).await().atMost(Duration.ofSeconds(30));
        java.util.concurrent.CompletableFuture<Void> first = index.refresh().subscribeAsCompletionStage();

        // when another refresh is asked for while it runs
        index.refresh().await().atMost(Duration.ofSeconds(30));

        // then by the time that one completes the cubes hold the records (it did not return at once)
        assertThat(counts(index, "awaited-q")).containsExactly(5L, 5L, 5L);
        first.join();
    }

    private CubeIndex startingInstance() {
        CubeIndex starting = new CubeIndex(cubeRepository);
        starting.refresh().await().atMost(Duration.ofSeconds(30));
        return starting;
    }

    private long unfolded() {
        return pool.preparedQuery("SELECT count(*) FROM response_record WHERE questionnaire_id = $1 "
                        + "AND NOT pg_visible_in_snapshot(stored_xid, (SELECT snapshot FROM cube_fold))")
                .execute(Tuple.of(QUESTIONNAIRE)).await().indefinitely().iterator().next().getLong(0);
    }

    private static List<Long> counts(CubeIndex index) {
        return counts(index, QUESTIONNAIRE);
    }

    /** The questionnaire's count in the record cube, its respondents to feelingsFuture, and to that question and supportReceived. */
    private static List<Long> counts(CubeIndex cubes, String questionnaire) {
        List<Set<String>> choiceFilters = new ArrayList<>(List.of(Set.of("feelingsFuture"), Set.of(RecordMapper.RESPONDENTS)));
        choiceFilters.addAll(java.util.Collections.nCopies(Dimension.BROAD.size(), null));
        List<Set<String>> pairFilters = new ArrayList<>(List.of(Set.of("feelingsFuture"), Set.of(RecordMapper.RESPONDENTS),
                Set.of("supportReceived"), Set.of(RecordMapper.RESPONDENTS)));
        pairFilters.add(null);
        return List.of(count(cubes.records().rollUp(Dimension.QUESTIONNAIRE.ordinal(), -1, null), questionnaire),
                count(cubes.choices().rollUp(2 + Dimension.QUESTIONNAIRE.broadIndex(), -1, choiceFilters), questionnaire),
                count(cubes.pairs().rollUp(4, -1, pairFilters), questionnaire));
    }

    private static long count(Cube.RollUp rollUp, String questionnaire) {
        int row = rollUp.rowValues().indexOf(questionnaire);
        return row < 0 ? 0 : rollUp.count(row, 0);
    }
}
