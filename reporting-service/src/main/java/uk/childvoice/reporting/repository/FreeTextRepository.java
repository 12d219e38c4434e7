package uk.childvoice.reporting.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.service.Dimension;

/** Reads scrubbed free-text answers filtered by question and record-cube categories. */
@ApplicationScoped
public class FreeTextRepository {
    private final Pool pool;

    public FreeTextRepository(Pool pool) {
        this.pool = pool;
    }

    /** Size and Σ record keys of the group of answers the filter selects. */
    public Uni<long[]> group(String questionId, Map<Dimension, Set<String>> filters) {
        List<Object> params = new ArrayList<>();
        String where = where(questionId, filters, params);
        return pool.preparedQuery("SELECT count(*), coalesce(sum(r.record_key), 0) FROM free_text_answer f "
                        + "JOIN response_record r ON r.response_id = f.response_id WHERE " + where)
                .execute(Tuple.tuple(params))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1)};
                });
    }

    /**
     * A page of answers in a stable order unrelated to submission time or response id, so that paging
     * cannot be used to link an answer to when it was given.
     */
    public Uni<List<Answer>> page(String questionId, Map<Dimension, Set<String>> filters, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(questionId, filters, params);
        params.add(limit);
        params.add(offset);
        return pool.preparedQuery("SELECT f.text, f.redactions FROM free_text_answer f "
                        + "JOIN response_record r ON r.response_id = f.response_id WHERE " + where
                        + " ORDER BY md5(f.question_id || f.response_id) LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
                .execute(Tuple.tuple(params))
                .map(rows -> {
                    List<Answer> answers = new ArrayList<>();
                    for (Row row : rows) {
                        answers.add(new Answer(row.getString(0), row.getInteger(1)));
                    }
                    return answers;
                });
    }

    private static String where(String questionId, Map<Dimension, Set<String>> filters, List<Object> params) {
        params.add(questionId);
        StringBuilder where = new StringBuilder("f.question_id = $1");
        for (Map.Entry<Dimension, Set<String>> filter : filters.entrySet()) {
            params.add(filter.getValue().toArray(String[]::new));
            // record_cell holds the record-cube coordinates in Dimension order (1-based in SQL).
            where.append(" AND r.record_cell[").append(filter.getKey().ordinal() + 1).append("] = ANY($").append(params.size()).append(")");
        }
        return where.toString();
    }

    /** One scrubbed answer. */
    public record Answer(String text, int redactions) {
    }
}
