package uk.childvoice.reporting.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The append-only audit log (the database refuses updates and deletes outside the retention purge). */
@ApplicationScoped
public class AuditRepository {
    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> append(String subject, String method, String endpoint, String parametersJson, int outcome) {
        return pool.preparedQuery("INSERT INTO audit_entry (subject, method, endpoint, parameters, outcome) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(subject, method, endpoint, parametersJson, outcome)).replaceWithVoid();
    }

    /** Newest first. */
    public Uni<List<AuditEntry>> page(OffsetDateTime since, int limit, long beforeId) {
        return pool.preparedQuery("SELECT id, occurred_at, subject, method, endpoint, parameters, outcome FROM audit_entry "
                        + "WHERE occurred_at >= $1 AND id < $2 ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(since, beforeId, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Row r : rows) {
                        entries.add(new AuditEntry(r.getLong(0), r.getOffsetDateTime(1), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getInteger(6)));
                    }
                    return entries;
                });
    }

    /** Deletes entries older than the cutoff inside the caller's transaction. */
    public Uni<Long> purgeOlderThan(SqlConnection conn, OffsetDateTime cutoff) {
        return conn.query("SET LOCAL childvoice.audit_purge = 'on'").execute()
                .flatMap(x -> conn.preparedQuery("DELETE FROM audit_entry WHERE occurred_at < $1").execute(Tuple.of(cutoff)))
                .map(rows -> (long) rows.rowCount());
    }

    /** One audit entry as published to admins. */
    public record AuditEntry(long id, OffsetDateTime occurredAt, String subject, String method, String endpoint,
            String parameters, int outcome) {
    }
}
