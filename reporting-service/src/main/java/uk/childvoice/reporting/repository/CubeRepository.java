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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three cubes in PostgreSQL (records, closed questions, pairs of closed questions): applies record
 * contributions (added at ingest, subtracted by retention), reads them whole, and reads the records
 * stored since a snapshot, from which an instance keeps its in-memory copy current.
 *
 * <p>A {@link Position} is a PostgreSQL snapshot plus the retention epoch. Records committed after it
 * are exactly those whose {@code stored_xid} is not visible in it (a plain sequence could not say so: a
 * lower number may commit later), so each is added to the in-memory cubes once, whichever instance
 * stored it. Retention deletes records, which cannot be followed that way; it moves the epoch instead,
 * and an instance that sees the epoch move reads the cubes whole again.
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
        // Summed in hash maps (a batch of 2,000 records touches tens of thousands of cells: a TreeMap of joined-string keys
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
        CellKey key = new CellKey(cell);
        Delta delta = cells.get(key);
        if (delta == null) {
            delta = new Delta(cell, key.hash);
            cells.put(key, delta);
        }
        delta.count += sign;
        delta.keySum += (long) sign * recordKey;
    }

    /**
     * The cells in the one order every writer uses, so that concurrent writers lock cube rows in the same
     * order and cannot deadlock: by the cell's 64-bit hash (from {@link String#hashCode}, which the Java
     * specification fixes, so every replica computes the same order), ties by the values (a null first).
     * Sorting longs instead of comparing string arrays: the lexicographic sort was a quarter of this
     * service's CPU at ingestion.
     */
    static List<Delta> sorted(Map<CellKey, Delta> cells) {
        List<Delta> ordered = new ArrayList<>(cells.values());
        ordered.sort(LOCK_ORDER);
        return ordered;
    }

    private static final Comparator<Delta> LOCK_ORDER = (a, b) -> a.order != b.order ? Long.compare(a.order, b.order)
            : Arrays.compare(a.cell, b.cell, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

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
                + "key_sum = c.key_sum + excluded.key_sum";
        return conn.preparedQuery(sql).execute(Tuple.tuple(arrays)).replaceWithVoid();
    }

    /** Moves the retention epoch on, inside the caller's transaction (see the class comment). */
    public Uni<Void> bumpEpoch(SqlConnection conn) {
        return conn.query("UPDATE cube_epoch SET epoch = epoch + 1").execute().replaceWithVoid();
    }

    /** Reads every cell of the three cubes, at one snapshot, and returns that snapshot's position. */
    public Uni<Position> readAll(Consumer<CellRow> recordCells, Consumer<CellRow> choiceCells, Consumer<CellRow> pairCells) {
        return atOneSnapshot(conn -> position(conn)
                .flatMap(position -> read(conn, "record_cube", RECORD_COLUMNS, recordCells)
                        .flatMap(ignored -> read(conn, "choice_cube", CHOICE_COLUMNS, choiceCells))
                        .flatMap(ignored -> read(conn, "pair_cube", PAIR_COLUMNS, pairCells))
                        .replaceWith(position)));
    }

    /**
     * Reads the records committed after {@code since} (record-cube coordinates, stored choices, record
     * key) and returns the new position. When the epoch has moved, reads nothing: the caller must read
     * the cubes whole ({@link #readAll}).
     */
    public Uni<Position> readStoredSince(Position since, Consumer<StoredRecord> sink) {
        return atOneSnapshot(conn -> position(conn).flatMap(position -> {
            if (position.epoch() != since.epoch()) {
                return Uni.createFrom().item(position);
            }
            String sql = "SELECT response_id, record_cell, choices::text, record_key FROM response_record "
                    + "WHERE stored_xid >= pg_snapshot_xmin($1::text::pg_snapshot) "
                    + "AND NOT pg_visible_in_snapshot(stored_xid, $1::text::pg_snapshot)";
            return stream(conn, sql, Tuple.of(since.snapshot()),
                    row -> sink.accept(new StoredRecord(row.getString(0), row.getArrayOfStrings(1), row.getString(2), row.getInteger(3))))
                    .replaceWith(position);
        }));
    }

    /** A read-only repeatable-read transaction: every statement in it sees the same snapshot. */
    private <T> Uni<T> atOneSnapshot(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .flatMap(ignored -> work.apply(conn)));
    }

    private static Uni<Position> position(SqlConnection conn) {
        return conn.query("SELECT pg_current_snapshot()::text, (SELECT epoch FROM cube_epoch)").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getString(0), row.getLong(1));
                });
    }

    private Uni<Void> read(SqlConnection conn, String table, String[] columns, Consumer<CellRow> sink) {
        String sql = "SELECT " + String.join(", ", columns) + ", record_count, key_sum FROM " + table;
        return stream(conn, sql, Tuple.tuple(), row -> {
            String[] cell = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                cell[c] = row.getString(c);
            }
            sink.accept(new CellRow(cell, row.getLong(columns.length), row.getLong(columns.length + 1)));
        });
    }

    /** Through a cursor, so that millions of rows are never one result set in memory. */
    private static Uni<Void> stream(SqlConnection conn, String sql, Tuple params, Consumer<Row> sink) {
        return conn.prepare(sql)
                .onItem().transformToMulti(statement -> statement.createStream(10_000, params).toMulti())
                .invoke(sink)
                .collect().last()
                .replaceWithVoid();
    }

    /** Where an instance's in-memory cubes stand: a PostgreSQL snapshot and the retention epoch it saw. */
    public record Position(String snapshot, long epoch) {
    }

    /** A stored record as the in-memory cubes need it. */
    public record StoredRecord(String responseId, String[] recordCell, String choicesJson, int recordKey) {
    }

    /** One cube cell as stored. */
    public record CellRow(String[] cell, long count, long keySum) {
    }

    /**
     * A cube cell's coordinates as a hash key. Not {@code Arrays.hashCode}: summing string hashes with
     * the multiplier 31 makes cells of similar codes collide, and the bins turned into trees (a tenth of
     * this service's CPU at ingestion); each value's hash is mixed through a 64-bit odd multiplier.
     */
    static final class CellKey {
        final String[] cell;
        final long hash;

        CellKey(String[] cell) {
            this.cell = cell;
            this.hash = hash64(cell);
        }

        static long hash64(String[] cell) {
            long h = 0x243F6A8885A308D3L;
            for (String value : cell) {
                h = (h ^ (value == null ? 0x5bd1e995 : value.hashCode())) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 31;
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CellKey other && hash == other.hash && Arrays.equals(cell, other.cell);
        }

        @Override
        public int hashCode() {
            return (int) (hash ^ (hash >>> 32));
        }
    }

    static final class Delta {
        final String[] cell;
        final long order;
        long count;
        long keySum;

        Delta(String[] cell, long order) {
            this.cell = cell;
            this.order = order;
        }
    }
}
