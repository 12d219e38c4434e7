package uk.childvoice.intake.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import uk.childvoice.intake.config.IntakeConfig;
import uk.childvoice.intake.service.Receipt;

/**
 * Submission ids in PostgreSQL, shared by every replica and kept across restarts: a claim before
 * publishing, the receipt after the broker's acknowledgement. Claims, accepts and releases of concurrent
 * requests are group-committed: one multi-row statement per batch ({@link MicroBatcher}).
 */
@ApplicationScoped
public class SubmissionRepository {
    // Each statement sets synchronous_commit for its own implicit transaction (set_config(..., true) is
    // transaction-local and PostgreSQL reads it at commit), so the setting costs no extra round trip and
    // never leaks into the sessions, which share the pool. The one-row join runs set_config once.
    static final String CLAIM = """
            INSERT INTO submission (submission_id, questionnaire_id, questionnaire_version, state, claimed_at)
            SELECT t.id, t.q, t.v, 'PENDING', now()
            FROM unnest($1::uuid[], $2::text[], $3::int[]) WITH ORDINALITY AS t(id, q, v, n)
            CROSS JOIN (SELECT set_config('synchronous_commit', $5, true)) AS durability
            ORDER BY t.n
            ON CONFLICT (submission_id) DO UPDATE SET claimed_at = now(),
                questionnaire_id = EXCLUDED.questionnaire_id, questionnaire_version = EXCLUDED.questionnaire_version
            WHERE submission.state = 'PENDING' AND submission.claimed_at < now() - make_interval(secs => $4)
            RETURNING submission_id""";
    // An upsert rather than UPDATE ... FROM unnest(...): its rows reach the table only through the primary
    // key (the conflict check), whatever the planner thinks of the table. The UPDATE's plan is made once per
    // connection, and on a new, empty table it was a hash join over a sequential scan of every submission,
    // kept while the table grew: most of PostgreSQL's CPU in the benchmark. The row always exists (it was
    // claimed); were it ever gone, recording the acceptance again is the right outcome.
    static final String ACCEPT = """
            INSERT INTO submission (submission_id, questionnaire_id, questionnaire_version, state, claimed_at, received_at)
            SELECT t.id, t.q, t.v, 'ACCEPTED', t.r, t.r
            FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS t(id, q, v, r)
            CROSS JOIN (SELECT set_config('synchronous_commit', $5, true)) AS durability
            ON CONFLICT (submission_id) DO UPDATE SET state = 'ACCEPTED', received_at = EXCLUDED.received_at""";
    static final String RELEASE = """
            DELETE FROM submission AS s
            USING (SELECT set_config('synchronous_commit', $2, true)) AS durability
            WHERE s.submission_id = ANY($1::uuid[]) AND s.state = 'PENDING'""";

    private final Pool pool;
    private final double claimTimeoutSeconds;
    private final String synchronousCommit;
    private final MicroBatcher<Claim, Boolean> claims;
    private final MicroBatcher<Accept, Boolean> accepts;
    private final MicroBatcher<UUID, Boolean> releases;

    @Inject
    public SubmissionRepository(Pool pool, IntakeConfig config, MeterRegistry registry) {
        this(pool, config.delivery().claimTimeout(), config.submissionStore().synchronousCommit().sql(),
                config.submissionStore().batchMaxSize(), config.submissionStore().batchMaxInFlight());
        // Statements and items per kind: items / statements is the group-commit batch size under load.
        Map<String, MicroBatcher<?, ?>> kinds = Map.of("claim", claims, "accept", accepts, "release", releases);
        kinds.forEach((kind, batcher) -> {
            FunctionCounter.builder("intake.submission.store.statements", batcher, MicroBatcher::batchesRun)
                    .description("Group-committed statements sent to PostgreSQL").tag("kind", kind).register(registry);
            FunctionCounter.builder("intake.submission.store.items", batcher, MicroBatcher::itemsRun)
                    .description("Submission ids written by those statements").tag("kind", kind).register(registry);
        });
    }

    SubmissionRepository(Pool pool, Duration claimTimeout, String synchronousCommit, int batchMaxSize, int batchMaxInFlight) {
        this.pool = pool;
        this.claimTimeoutSeconds = (double) claimTimeout.toMillis() / 1000;
        this.synchronousCommit = synchronousCommit;
        this.claims = new MicroBatcher<>(this::claimAll, batchMaxSize, batchMaxInFlight);
        this.accepts = new MicroBatcher<>(this::acceptAll, batchMaxSize, batchMaxInFlight);
        this.releases = new MicroBatcher<>(this::releaseAll, batchMaxSize, batchMaxInFlight);
    }

    /**
     * Claims a submission id for publishing. True when this caller may publish: the id is new, or its
     * earlier claim is older than the claim timeout (the replica that held it died mid-send). Of several
     * concurrent claims of one id, here or on other replicas, exactly one is true.
     */
    public Uni<Boolean> claim(String submissionId, String questionnaireId, int version) {
        return claims.submit(new Claim(UUID.fromString(submissionId), questionnaireId, version));
    }

    /** Records the acknowledged publication; from now on the id answers with this receipt. */
    public Uni<Void> accept(String submissionId, String questionnaireId, int version, Instant receivedAt) {
        return accepts.submit(new Accept(UUID.fromString(submissionId), questionnaireId, version,
                OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Gives a claim back after a failed publication, so that the client's retry can publish. */
    public Uni<Void> release(String submissionId) {
        return releases.submit(UUID.fromString(submissionId)).replaceWithVoid();
    }

    /** Claim statements sent so far (for tests: fewer than the claims when requests overlap). */
    long claimBatchesRun() {
        return claims.batchesRun();
    }

    private record Claim(UUID id, String questionnaireId, int version) {
    }

    private record Accept(UUID id, String questionnaireId, int version, OffsetDateTime receivedAt) {
    }

    /**
     * One statement for a batch of claims. An id may appear twice in one batch (a double click): it is
     * sent once and only its first caller can win, because ON CONFLICT cannot touch a row twice in one
     * statement. Ids go in sorted order so that two batches sharing ids lock them in the same order.
     */
    private Uni<List<Boolean>> claimAll(List<Claim> batch) {
        Collection<Claim> distinct = distinctInIdOrder(batch, Claim::id);
        UUID[] ids = distinct.stream().map(Claim::id).toArray(UUID[]::new);
        String[] questionnaires = distinct.stream().map(Claim::questionnaireId).toArray(String[]::new);
        Integer[] versions = distinct.stream().map(Claim::version).toArray(Integer[]::new);
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(ids, questionnaires, versions, claimTimeoutSeconds, synchronousCommit))
                .map(rows -> {
                    Set<UUID> won = new HashSet<>(rows.size() * 2);
                    for (Row row : rows) {
                        won.add(row.getUUID(0));
                    }
                    List<Boolean> results = new ArrayList<>(batch.size());
                    for (Claim c : batch) {
                        // remove: a second caller of the same id in this batch gets false
                        results.add(won.remove(c.id()));
                    }
                    return results;
                });
    }

    /**
     * One statement for a batch of accepts. An upsert cannot touch a row twice in one statement, so an id is
     * sent once (two accepts of one id need two publications that both won a claim: possible only when a
     * claim timed out mid-send), in sorted order, as for claims.
     */
    private Uni<List<Boolean>> acceptAll(List<Accept> batch) {
        Collection<Accept> distinct = distinctInIdOrder(batch, Accept::id);
        UUID[] ids = distinct.stream().map(Accept::id).toArray(UUID[]::new);
        String[] questionnaires = distinct.stream().map(Accept::questionnaireId).toArray(String[]::new);
        Integer[] versions = distinct.stream().map(Accept::version).toArray(Integer[]::new);
        OffsetDateTime[] receivedAt = distinct.stream().map(Accept::receivedAt).toArray(OffsetDateTime[]::new);
        return pool.preparedQuery(ACCEPT)
                .execute(Tuple.of(ids, questionnaires, versions, receivedAt, synchronousCommit))
                .map(rows -> Collections.nCopies(batch.size(), Boolean.TRUE));
    }

    /** The first item of each id, in id order. */
    private static <T> Collection<T> distinctInIdOrder(List<T> batch, Function<T, UUID> id) {
        Map<UUID, T> distinct = new TreeMap<>();
        for (T item : batch) {
            distinct.putIfAbsent(id.apply(item), item);
        }
        return distinct.values();
    }

    private Uni<List<Boolean>> releaseAll(List<UUID> batch) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(batch.toArray(UUID[]::new), synchronousCommit))
                .map(rows -> Collections.nCopies(batch.size(), Boolean.TRUE));
    }

    /** The receipt of an accepted submission, or null while it is still being published elsewhere. */
    public Uni<Receipt> receipt(String submissionId) {
        return pool.preparedQuery("""
                SELECT questionnaire_id, questionnaire_version, received_at FROM submission
                WHERE submission_id = $1 AND state = 'ACCEPTED'""")
                .execute(Tuple.of(UUID.fromString(submissionId)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return Receipt.accepted(submissionId, row.getString(0), row.getInteger(1),
                            row.getOffsetDateTime(2).toInstant());
                });
    }
}
