package uk.childvoice.intake.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import uk.childvoice.intake.service.Receipt;

/**
 * Submission ids in PostgreSQL, shared by every replica and kept across restarts: a claim before
 * publishing, the receipt after the broker's acknowledgement.
 */
@ApplicationScoped
public class SubmissionRepository {
    private final Pool pool;

    public SubmissionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims a submission id for publishing. True when this caller may publish: the id is new, or its
     * earlier claim is older than {@code claimTimeout} (the replica that held it died mid-send).
     */
    public Uni<Boolean> claim(String submissionId, String questionnaireId, int version, Duration claimTimeout) {
        return pool.preparedQuery("""
                INSERT INTO submission (submission_id, questionnaire_id, questionnaire_version, state, claimed_at)
                VALUES ($1, $2, $3, 'PENDING', now())
                ON CONFLICT (submission_id) DO UPDATE SET claimed_at = now(),
                    questionnaire_id = EXCLUDED.questionnaire_id, questionnaire_version = EXCLUDED.questionnaire_version
                WHERE submission.state = 'PENDING' AND submission.claimed_at < now() - make_interval(secs => $4)
                RETURNING state""")
                .execute(Tuple.of(UUID.fromString(submissionId), questionnaireId, version, (double) claimTimeout.toMillis() / 1000))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records the acknowledged publication; from now on the id answers with this receipt. */
    public Uni<Void> accept(String submissionId, Instant receivedAt) {
        return pool.preparedQuery("UPDATE submission SET state = 'ACCEPTED', received_at = $2 WHERE submission_id = $1")
                .execute(Tuple.of(UUID.fromString(submissionId), OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Gives a claim back after a failed publication, so that the client's retry can publish. */
    public Uni<Void> release(String submissionId) {
        return pool.preparedQuery("DELETE FROM submission WHERE submission_id = $1 AND state = 'PENDING'")
                .execute(Tuple.of(UUID.fromString(submissionId)))
                .replaceWithVoid();
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
