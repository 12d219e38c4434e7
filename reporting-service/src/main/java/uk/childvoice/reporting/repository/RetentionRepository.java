package uk.childvoice.reporting.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.mapping.RecordMapper;

/** Retention extensions, runs, and the deletion of expired records together with their stored cube contributions. */
@ApplicationScoped
public class RetentionRepository {
    private final Pool pool;
    private final CubeRepository cubes;
    private final AuditRepository audit;

    public RetentionRepository(Pool pool, CubeRepository cubes, AuditRepository audit) {
        this.pool = pool;
        this.cubes = cubes;
        this.audit = audit;
    }

    /**
     * Key of the PostgreSQL advisory lock that lets one replica at a time run retention. Any fixed
     * number works as long as nothing else in the database uses it; this one spells "retn".
     */
    static final long RETENTION_LOCK = 0x7265746eL;

    /**
     * Runs {@code work} while holding the retention lock, or returns {@code skipped} at once when
     * another session (another replica) holds it. A session-level lock on a connection kept for the
     * whole run, because a run is many transactions (one per batch); if the instance dies the
     * connection closes and PostgreSQL releases the lock.
     */
    public <T> Uni<T> exclusively(Supplier<Uni<T>> work, Supplier<T> skipped) {
        return pool.withConnection(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(RETENTION_LOCK))
                .flatMap(rows -> {
                    if (!rows.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(skipped);
                    }
                    return work.get().eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)")
                            .execute(Tuple.of(RETENTION_LOCK)));
                }));
    }

    /** Questionnaires (null = all) under an extension that is still running on the given day. */
    public Uni<List<String>> extendedOn(LocalDate day) {
        return pool.preparedQuery("SELECT DISTINCT coalesce(questionnaire_id, '*') FROM retention_extension WHERE extended_until >= $1")
                .execute(Tuple.of(day))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /**
     * Deletes up to {@code batch} records not in the kept questionnaires and subtracts from the stored
     * cubes those already folded into them, in one transaction that holds the fold (so no fold runs
     * meanwhile); a record not yet folded is deleted before it ever reaches the stored cubes.
     *
     * @return how many records were deleted
     */
    public Uni<Integer> deleteBatch(List<String> keptQuestionnaires, int batch) {
        return pool.withTransaction(conn -> cubes.lockFold(conn).flatMap(folded -> conn.preparedQuery(
                        "SELECT response_id, record_cell, choices::text, record_key, pg_visible_in_snapshot(stored_xid, $3::text::pg_snapshot) "
                                + "FROM response_record WHERE NOT (questionnaire_id = ANY($1)) LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(keptQuestionnaires.toArray(String[]::new), batch, folded))
                .flatMap(rows -> {
                    List<String> ids = new ArrayList<>();
                    List<ResponseRecord> inCubes = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getString(0));
                        if (row.getBoolean(4)) {
                            inCubes.add(RecordMapper.contribution(row.getString(0), row.getArrayOfStrings(1), row.getString(2),
                                    row.getInteger(3)));
                        }
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return conn.preparedQuery("DELETE FROM response_record WHERE response_id = ANY($1)")
                            .execute(Tuple.of((Object) ids.toArray(String[]::new)))
                            .flatMap(deleted -> cubes.apply(conn, inCubes, -1)
                                    .flatMap(ignored -> cubes.bumpEpoch(conn))
                                    .replaceWith(deleted.rowCount()));
                })));
    }

    public Uni<Long> purgeAudit(OffsetDateTime cutoff) {
        return pool.withTransaction(conn -> audit.purgeOlderThan(conn, cutoff));
    }

    public Uni<Void> recordExtension(String questionnaireId, LocalDate until, String reason, String by) {
        return pool.preparedQuery("INSERT INTO retention_extension (questionnaire_id, extended_until, reason, recorded_by) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(questionnaireId, until, reason, by)).replaceWithVoid();
    }

    public Uni<List<Extension>> extensions() {
        return pool.query("SELECT id, questionnaire_id, extended_until, reason, recorded_by, recorded_at FROM retention_extension ORDER BY id")
                .execute().map(rows -> {
                    List<Extension> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Extension(r.getLong(0), r.getString(1), r.getLocalDate(2), r.getString(3), r.getString(4),
                                r.getOffsetDateTime(5)));
                    }
                    return list;
                });
    }

    public Uni<Run> recordRun(Run run) {
        return pool.preparedQuery("INSERT INTO retention_run (started_at, finished_at, triggered_by, expiry_date, records_deleted, "
                        + "audit_entries_deleted, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.tuple(Arrays.asList(run.startedAt(), run.finishedAt(), run.triggeredBy(), run.expiryDate(),
                        run.recordsDeleted(), run.auditEntriesDeleted(), run.outcome())))
                .map(rows -> new Run(rows.iterator().next().getLong(0), run.startedAt(), run.finishedAt(), run.triggeredBy(),
                        run.expiryDate(), run.recordsDeleted(), run.auditEntriesDeleted(), run.outcome()));
    }

    public Uni<List<Run>> runs(int limit) {
        return pool.preparedQuery("SELECT id, started_at, finished_at, triggered_by, expiry_date, records_deleted, audit_entries_deleted, "
                        + "outcome FROM retention_run ORDER BY id DESC LIMIT $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<Run> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Run(r.getLong(0), r.getOffsetDateTime(1), r.getOffsetDateTime(2), r.getString(3),
                                r.getLocalDate(4), r.getLong(5), r.getLong(6), r.getString(7)));
                    }
                    return list;
                });
    }

    /** Records deleted by retention so far. */
    public Uni<Long> totalDeleted() {
        return pool.query("SELECT coalesce(sum(records_deleted), 0) FROM retention_run").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A recorded extension of the retention period. */
    public record Extension(long id, String questionnaireId, LocalDate extendedUntil, String reason, String recordedBy,
            OffsetDateTime recordedAt) {
    }

    /** What one retention run did, as counts. */
    public record Run(Long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, String triggeredBy, LocalDate expiryDate,
            long recordsDeleted, long auditEntriesDeleted, String outcome) {
    }
}
