package uk.childvoice.reporting.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three cubes in PostgreSQL (records, closed questions, pairs of closed questions): applies record contributions (added at ingest, subtracted by
 * retention) and reads the cells changed since a transaction-id watermark.
 *
 * <p>The watermark is the {@code xmin} of a snapshot: every transaction below it has finished, so a
 * reader that re-reads rows with {@code changed_xid >= watermark} can never miss a commit that
 * happened out of order (a plain sequence can: a lower number may commit later).
 */
@ApplicationScoped
public class CubeRepository {
    static final String[] RECORD_COLUMNS = {"questionnaire", "age", "age_band", "gender", "ethnicity", "ethnicity_broad",
        "living_situation", "region", "local_authority", "imd_decile"};
    static final String[] CHOICE_COLUMNS = {"question_id", "option_code", "questionnaire", "age_band", "gender",
        "ethnicity_broad", "region", "imd_decile"};
    static final String[] PAIR_COLUMNS = {"question_a", "option_a", "question_b", "option_b", "questionnaire"};

    private final Pool pool;

    public CubeRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds (sign +1) or removes (sign -1) the contributions of the records, inside the caller's transaction. */
    public Uni<Void> apply(SqlConnection conn, List<ResponseRecord> records, int sign) {
        // Summed in hash maps (a batch of 500 records touches ~20,000 pair cells: a TreeMap of joined-string keys
        // was a third of this service's CPU), then sorted once, so concurrent writers lock cube rows in the same
        // order and cannot deadlock.
        Map<CellKey, Delta> recordCells = new HashMap<>();
        Map<CellKey, Delta> choiceCells = new HashMap<>();
        Map<CellKey, Delta> pairCells = new HashMap<>();
        for (ResponseRecord r : records) {
            accumulate(recordCells, r.recordCell(), sign, r.recordKey());
            for (String[] cell : r.choiceCells()) {
                accumulate(choiceCells, cell, sign, r.recordKey());
            }
            for (String[] cell : r.pairCells()) {
                accumulate(pairCells, cell, sign, r.recordKey());
            }
        }
        return upsert(conn, "record_cube", RECORD_COLUMNS, sorted(recordCells))
                .flatMap(ignored -> upsert(conn, "choice_cube", CHOICE_COLUMNS, sorted(choiceCells)))
                .flatMap(ignored -> upsert(conn, "pair_cube", PAIR_COLUMNS, sorted(pairCells)));
    }

    private static void accumulate(Map<CellKey, Delta> cells, String[] cell, int sign, int recordKey) {
        Delta delta = cells.computeIfAbsent(new CellKey(cell), k -> new Delta(cell));
        delta.count += sign;
        delta.keySum += (long) sign * recordKey;
    }

    /** The cells in one fixed order (lexicographic by column; a null sorts first), the lock order of every writer. */
    static List<Delta> sorted(Map<CellKey, Delta> cells) {
        List<Delta> ordered = new ArrayList<>(cells.values());
        ordered.sort((a, b) -> Arrays.compare(a.cell, b.cell, Comparator.nullsFirst(Comparator.<String>naturalOrder())));
        return ordered;
    }

    private Uni<Void> upsert(SqlConnection conn, String table, String[] columns, List<Delta> cells) {
        if (cells.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = cells.size();
        List<Object> arrays = new ArrayList<>();
        String[][] values = new String[columns.length][n];
        Long[] counts = new Long[n];
        Long[] sums = new Long[n];
        int i = 0;
        for (Delta delta : cells) {
            for (int c = 0; c < columns.length; c++) {
                values[c][i] = delta.cell[c];
            }
            counts[i] = delta.count;
            sums[i] = delta.keySum;
            i++;
        }
        StringBuilder unnest = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            arrays.add(values[c]);
            unnest.append('$').append(c + 1).append("::text[], ");
        }
        arrays.add(counts);
        arrays.add(sums);
        unnest.append('$').append(columns.length + 1).append("::bigint[], $").append(columns.length + 2).append("::bigint[]");
        String columnList = String.join(", ", columns);
        String sql = "INSERT INTO " + table + " AS c (" + columnList + ", record_count, key_sum) "
                + "SELECT * FROM unnest(" + unnest + ") "
                + "ON CONFLICT (" + columnList + ") DO UPDATE SET record_count = c.record_count + excluded.record_count, "
                + "key_sum = c.key_sum + excluded.key_sum, changed_xid = pg_current_xact_id()";
        return conn.preparedQuery(sql).execute(Tuple.tuple(arrays)).replaceWithVoid();
    }

    /**
     * Reads every record-cube, choice-cube and pair-cube cell changed at or after the watermark.
     *
     * @return the next watermark
     */
    public Uni<String> readChangedSince(String watermark, Consumer<CellRow> recordCells, Consumer<CellRow> choiceCells,
            Consumer<CellRow> pairCells) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .flatMap(next -> read(conn, "record_cube", RECORD_COLUMNS, watermark, recordCells)
                        .flatMap(ignored -> read(conn, "choice_cube", CHOICE_COLUMNS, watermark, choiceCells))
                        .flatMap(ignored -> read(conn, "pair_cube", PAIR_COLUMNS, watermark, pairCells))
                        .replaceWith(next)));
    }

    private Uni<Void> read(SqlConnection conn, String table, String[] columns, String watermark, Consumer<CellRow> sink) {
        String sql = "SELECT " + String.join(", ", columns) + ", record_count, key_sum FROM " + table
                + " WHERE changed_xid >= $1::text::xid8";
        // A cursor, so that a cube of millions of cells is never one result set in memory.
        return conn.prepare(sql)
                .onItem().transformToMulti(statement -> statement.createStream(10_000, Tuple.of(watermark)).toMulti())
                .invoke(row -> {
                    String[] cell = new String[columns.length];
                    for (int c = 0; c < columns.length; c++) {
                        cell[c] = row.getString(c);
                    }
                    sink.accept(new CellRow(cell, row.getLong(columns.length), row.getLong(columns.length + 1)));
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** One cube cell as stored. */
    public record CellRow(String[] cell, long count, long keySum) {
    }

    /** A cube cell's coordinates as a hash key. */
    record CellKey(String[] cell) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CellKey other && Arrays.equals(cell, other.cell);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(cell);
        }
    }

    static final class Delta {
        final String[] cell;
        long count;
        long keySum;

        Delta(String[] cell) {
            this.cell = cell;
        }
    }
}
