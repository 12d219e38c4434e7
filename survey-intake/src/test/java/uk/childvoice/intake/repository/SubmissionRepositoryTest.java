package uk.childvoice.intake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import uk.childvoice.intake.support.IntakeDatabase;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

/** Group commit against the real PostgreSQL: many concurrent callers, few statements, one winner per id. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SubmissionRepositoryTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SubmissionRepository submissions;

    @Inject
    Pool pool;

    record Attempt(String id, int caller) {
    }

    @Test
    void manyConcurrentClaimsOfDistinctAndOfTheSameIdsHaveExactlyOneWinnerPerId() {
        // Given 300 distinct ids, and 20 of them claimed by 10 callers each (double clicks, retries, replicas)
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int callers = i < 20 ? 10 : 1;
            for (int c = 0; c < callers; c++) {
                attempts.add(new Attempt(ids.get(i), c));
            }
        }
        Collections.shuffle(attempts);
        long batchesBefore = submissions.claimBatchesRun();

        // When all of them claim at once
        List<Uni<Boolean>> claims = attempts.stream().map(a -> submissions.claim(a.id(), "13-17", 1)).toList();
        List<Boolean> won = Uni.join().all(claims).andFailFast().await().atMost(WAIT);

        // Then every id has exactly one winner, every id is stored once, and the claims shared statements
        Map<String, Long> winners = new java.util.HashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (won.get(i)) {
                winners.merge(attempts.get(i).id(), 1L, Long::sum);
            }
        }
        assertThat(winners).hasSize(ids.size());
        assertThat(winners.values()).containsOnly(1L);
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ANY(?::uuid[]) AND state = 'PENDING'",
                (Object) ids.toArray(String[]::new))).isEqualTo(ids.size());
        assertThat(submissions.claimBatchesRun() - batchesBefore).isLessThan(attempts.size() / 4);
    }

    @Test
    void concurrentAcceptsEachRecordTheirOwnTimeAndReleasesFreeTheIdForARetry() {
        // Given 100 claimed ids
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        assertThat(Uni.join().all(ids.stream().map(id -> submissions.claim(id, "9-12", 1)).toList()).andFailFast()
                .await().atMost(WAIT)).containsOnly(true);
        List<String> accepted = ids.subList(0, 60);
        List<String> released = ids.subList(60, 100);
        Instant base = Instant.parse("2026-11-22T12:00:00Z");

        // When 60 are accepted (each at its own time) and 40 released, all at once
        List<Uni<Void>> writes = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            writes.add(submissions.accept(accepted.get(i), "9-12", 1, base.plus(i, ChronoUnit.SECONDS)));
        }
        released.forEach(id -> writes.add(submissions.release(id)));
        Uni.join().all(writes).andFailFast().await().atMost(WAIT);

        // Then each accepted id answers its own receipt, and a released id can be claimed again
        for (int i = 0; i < accepted.size(); i++) {
            assertThat(submissions.receipt(accepted.get(i)).await().atMost(WAIT).receivedAt()).isEqualTo(base.plus(i, ChronoUnit.SECONDS));
        }
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ANY(?::uuid[])",
                (Object) released.toArray(String[]::new))).isZero();
        assertThat(submissions.claim(released.get(0), "9-12", 1).await().atMost(WAIT)).isTrue();
        // An accepted id is never claimed again.
        assertThat(submissions.claim(accepted.get(0), "9-12", 1).await().atMost(WAIT)).isFalse();
    }

    @Test
    void theRelaxedCommitSettingStaysInsideEachSubmissionStatement() {
        // Given connections whose own setting is a synchronous commit (as for the sessions sharing the pool)
        UUID id = UUID.randomUUID();
        List<Object[]> statements = List.of(
                new Object[] {SubmissionRepository.CLAIM, Tuple.of(new UUID[] {id}, new String[] {"13-17"}, new Integer[] {1}, 60.0, "off")},
                new Object[] {SubmissionRepository.ACCEPT, Tuple.of(new UUID[] {id}, new String[] {"13-17"}, new Integer[] {1},
                        new OffsetDateTime[] {OffsetDateTime.now()}, "off")},
                new Object[] {SubmissionRepository.RELEASE, Tuple.of(new UUID[] {UUID.randomUUID()}, "off")});
        for (Object[] statement : statements) {
            // When a submission statement runs on it with synchronous_commit off
            String after = pool.withConnection(c -> c.query("SET synchronous_commit = on").execute()
                    .chain(() -> c.preparedQuery((String) statement[0]).execute((Tuple) statement[1]))
                    .chain(() -> c.query("SHOW synchronous_commit").execute())
                    .map(rows -> rows.iterator().next().getString(0)))
                    .await().atMost(WAIT);

            // Then the next statement on that connection commits synchronously again
            assertThat(after).as(statement[0].toString()).isEqualTo("on");
        }
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid AND state = 'ACCEPTED'", id.toString()))
                .isEqualTo(1);
    }

    @Test
    void aSubmissionStatementIsPlannedOnceOnAConnectionNotForEveryBatch() {
        // When a connection of the pool runs the claim statement for eight batches
        List<Long> plans = pool.withConnection(c -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < 8; i++) {
                chain = chain.chain(() -> c.preparedQuery(SubmissionRepository.CLAIM).execute(Tuple.of(
                        new UUID[] {UUID.randomUUID(), UUID.randomUUID()}, new String[] {"13-17", "13-17"}, new Integer[] {1, 1}, 60.0, "off")));
            }
            return chain.chain(() -> c.preparedQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1")
                    .execute(Tuple.of(SubmissionRepository.CLAIM)))
                    .map(rows -> {
                        var row = rows.iterator().next();
                        return List.of(row.getLong(0), row.getLong(1));
                    });
        }).await().atMost(WAIT);

        // Then PostgreSQL used its one generic plan every time. By default it would plan each batch anew
        // (a custom plan for the batch's arrays looks cheaper than the generic plan's guess of 100 elements),
        // which cost about half its CPU for these statements (survey-intake/README.md, "Performance").
        assertThat(plans.get(1)).as("custom plans").isZero();
        assertThat(plans.get(0)).as("generic plans").isGreaterThanOrEqualTo(8);
    }

    @Test
    void theClaimAndTheAcceptReachSubmissionsByTheirKeyEvenWhileTheTableIsNew() {
        // Given a connection that sees an empty submission table, as at a survey's launch (a temporary table of
        // the same shape hides the real one for this transaction only)
        String plans = pool.withConnection(c -> c.query("BEGIN").execute()
                .chain(() -> c.query("CREATE TEMP TABLE submission (LIKE public.submission INCLUDING ALL) ON COMMIT DROP").execute())
                // When PostgreSQL makes the plan a connection keeps for each per-response statement
                .chain(() -> c.query("EXPLAIN (GENERIC_PLAN) " + SubmissionRepository.CLAIM).execute())
                .map(rows -> text(rows))
                .chain(claim -> c.query("EXPLAIN (GENERIC_PLAN) " + SubmissionRepository.ACCEPT).execute()
                        .map(rows -> claim + "\n" + text(rows)))
                .call(() -> c.query("ROLLBACK").execute()))
                .await().atMost(WAIT);

        // Then neither reads the whole table: each row is found through the primary key, however large the table
        // grows while the plan is kept (an UPDATE ... FROM unnest(...) was planned as a sequential scan here)
        assertThat(plans).contains("Conflict Arbiter Indexes: submission_pkey").doesNotContain("Seq Scan");
    }

    private static String text(io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        StringBuilder b = new StringBuilder();
        rows.forEach(row -> b.append(row.getString(0)).append('\n'));
        return b.toString();
    }
}
