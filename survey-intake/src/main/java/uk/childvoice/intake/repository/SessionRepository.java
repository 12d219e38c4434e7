package uk.childvoice.intake.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Save-and-resume sessions in PostgreSQL, keyed by the hash of the access code. */
@ApplicationScoped
public class SessionRepository {
    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A stored session (never the code). {@code answers} is ciphertext, null before the first save or after submit. */
    public record SessionRow(byte[] codeHash, String questionnaireId, int questionnaireVersion, String submissionId,
            List<String> completedPages, byte[] answers, int revision, Instant expiresAt, boolean submitted) {
    }

    public Uni<Void> insert(byte[] codeHash, String questionnaireId, int version, String submissionId, Instant expiresAt) {
        return pool.preparedQuery("""
                INSERT INTO session (code_hash, questionnaire_id, questionnaire_version, submission_id, expires_at)
                VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(bytea(codeHash), questionnaireId, version, UUID.fromString(submissionId), utc(expiresAt)))
                .replaceWithVoid();
    }

    /** The live (unexpired) session with this code hash, or null. */
    public Uni<SessionRow> find(byte[] codeHash) {
        return pool.preparedQuery("""
                SELECT questionnaire_id, questionnaire_version, submission_id, completed_pages, answers, revision,
                       expires_at, submitted_at IS NOT NULL
                FROM session WHERE code_hash = $1 AND expires_at > now()""")
                .execute(Tuple.of(bytea(codeHash)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    Buffer answers = r.getBuffer(4);
                    String[] pages = r.getArrayOfStrings(3);
                    return new SessionRow(codeHash, r.getString(0), r.getInteger(1), r.getUUID(2).toString(),
                            pages == null ? List.of() : List.of(pages), answers == null ? null : answers.getBytes(),
                            r.getInteger(5), r.getOffsetDateTime(6).toInstant(), r.getBoolean(7));
                });
    }

    /** Saves the answers and progress if nobody saved since {@code revision}; false on a lost race. */
    public Uni<Boolean> save(byte[] codeHash, int revision, List<String> completedPages, byte[] answers) {
        return pool.preparedQuery("""
                UPDATE session SET answers = $3, completed_pages = $4, revision = revision + 1
                WHERE code_hash = $1 AND revision = $2 AND submitted_at IS NULL AND expires_at > now()""")
                .execute(Tuple.of(bytea(codeHash), revision, bytea(answers), completedPages.toArray(new String[0])))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks the session submitted and drops its answers; the row stays until expiry so a repeat gets the receipt. */
    public Uni<Void> markSubmitted(byte[] codeHash) {
        return pool.preparedQuery("UPDATE session SET submitted_at = now(), answers = NULL WHERE code_hash = $1")
                .execute(Tuple.of(bytea(codeHash)))
                .replaceWithVoid();
    }

    /** Deletes every expired session; returns how many. */
    public Uni<Integer> deleteExpired() {
        return pool.query("DELETE FROM session WHERE expires_at <= now()").execute().map(rows -> rows.rowCount());
    }

    /** Parameters take the core Buffer type, not the Mutiny wrapper. */
    private static io.vertx.core.buffer.Buffer bytea(byte[] bytes) {
        return io.vertx.core.buffer.Buffer.buffer(bytes);
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
