package uk.childvoice.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

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

        // then each record is in each cube once, and stays once over further refreshes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).containsExactly(12L, 12L, 12L));
        Thread.sleep(2_500);
        cubes.refresh().await().atMost(Duration.ofSeconds(30));
        assertThat(counts()).containsExactly(12L, 12L, 12L);

        // and when retention deletes five of them (subtracting them from the stored cubes and moving the epoch)
        List<ResponseRecord> expired = stored.subList(0, 5);
        pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM response_record WHERE response_id = ANY($1)")
                        .execute(Tuple.of((Object) expired.stream().map(ResponseRecord::responseId).toArray(String[]::new)))
                        .flatMap(deleted -> cubeRepository.apply(conn, expired, -1))
                        .flatMap(ignored -> cubeRepository.bumpEpoch(conn)))
                .await().atMost(Duration.ofSeconds(30));

        // then the cubes are read whole again and hold the seven left
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).containsExactly(7L, 7L, 7L));
    }

    /** The questionnaire's count in the record cube, its respondents to feelingsFuture, and to that question and supportReceived. */
    private List<Long> counts() {
        List<Set<String>> choiceFilters = new ArrayList<>(List.of(Set.of("feelingsFuture"), Set.of(RecordMapper.RESPONDENTS)));
        choiceFilters.addAll(java.util.Collections.nCopies(Dimension.BROAD.size(), null));
        List<Set<String>> pairFilters = new ArrayList<>(List.of(Set.of("feelingsFuture"), Set.of(RecordMapper.RESPONDENTS),
                Set.of("supportReceived"), Set.of(RecordMapper.RESPONDENTS)));
        pairFilters.add(null);
        return List.of(count(cubes.records().rollUp(Dimension.QUESTIONNAIRE.ordinal(), -1, null)),
                count(cubes.choices().rollUp(2 + Dimension.QUESTIONNAIRE.broadIndex(), -1, choiceFilters)),
                count(cubes.pairs().rollUp(4, -1, pairFilters)));
    }

    private static long count(Cube.RollUp rollUp) {
        int row = rollUp.rowValues().indexOf(QUESTIONNAIRE);
        return row < 0 ? 0 : rollUp.count(row, 0);
    }
}
