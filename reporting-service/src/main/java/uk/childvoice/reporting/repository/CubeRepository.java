package uk.childvoice.reporting.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.cube.Cube;
import uk.childvoice.reporting.mapping.RecordMapper;

/**
 * The three cubes in PostgreSQL (records, closed questions, pairs of closed questions): folds the
 * records stored since the last fold into them, subtracts what retention deletes, reads them whole,
 * and reads the records stored since a snapshot, from which an instance keeps its in-memory copy
 * current.
 *
 * <p>A {@link Position} is a PostgreSQL snapshot plus the retention epoch. Records committed after it
 * are exactly those whose {@code stored_xid} is not visible in it (a plain sequence could not say so: a
 * lower number may commit later), so each is added once, whichever instance stored it. The stored
 * cubes hold exactly the records visible in the snapshot kept in {@code cube_fold}; a fold adds the
 * rest and moves that snapshot in the same transaction. Retention deletes records, which cannot be
 * followed that way; it moves the epoch instead, and an instance that sees the epoch move reads the
 * cubes whole again.
 *
 * <p>The stored cubes are append-only (migration V8): a fold appends its sums as rows and retention
 * appends what it subtracts, so a cell's figures are the sums of its rows, and a fold now and then
 * rewrites each cube as one row a cell. Appending a row costs PostgreSQL about 5 µs; updating one in
 * place (an upsert on eight text columns) cost 30-40 µs, and a fold touches about 12 rows a record.
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

    /**
     * Adds (sign +1) or removes (sign -1) the contributions of the records, inside the caller's
     * transaction, which must hold the fold ({@link #fold} or {@link #lockFold}).
     */
    public Uni<Void> apply(SqlConnection conn, List<ResponseRecord> records, int sign) {
        RecordCubes sums = RecordCubes.forSums();
        for (ResponseRecord record : records) {
            sums.add(record, sign);
        }
        return write(conn, sums)
                .flatMap(rows -> conn.preparedQuery("UPDATE cube_fold SET rows_appended = rows_appended + $1").execute(Tuple.of(rows)))
                .replaceWithVoid();
    }

    /** Appends the slice's cells as new rows (figures to be added to the cell's other rows); returns the rows appended. */
    private Uni<Integer> append(SqlConnection conn, String table, String[] columns, Slice slice) {
        if (slice.rows == 0) {
            return Uni.createFrom().item(0);
        }
        Long[] sums = firstRows(slice.keySums, slice.rows);
        sliceWatcher.accept(sums);
        List<Object> arrays = new ArrayList<>();
        StringBuilder unnest = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            arrays.add(firstRows(slice.values[c], slice.rows));
            unnest.append('$').append(c + 1).append("::text[], ");
        }
        arrays.add(firstRows(slice.counts, slice.rows));
        arrays.add(sums);
        unnest.append('$').append(columns.length + 1).append("::bigint[], $").append(columns.length + 2).append("::bigint[]");
        String columnList = String.join(", ", columns);
        String sql = "INSERT INTO " + table + " (" + columnList + ", record_count, key_sum) SELECT * FROM unnest(" + unnest + ")";
        return conn.preparedQuery(sql).execute(Tuple.tuple(arrays)).map(SqlResult::rowCount);
    }

    /** The first {@code rows} of the column (itself when it has no more: a slice that skipped no cell). */
    private static <T> T[] firstRows(T[] column, int rows) {
        return column.length == rows ? column : Arrays.copyOf(column, rows);
    }

    /**
     * Rewrites each stored cube as one row a cell (the sums of its rows; cells that sum to nothing
     * dropped), inside the caller's transaction, which holds the fold. Returns the rows left.
     */
    private static Uni<Long> compact(SqlConnection conn) {
        long[] left = new long[1];
        return conn.query("SET LOCAL work_mem = '64MB'").execute()
                .flatMap(ignored -> compact(conn, "record_cube", RECORD_COLUMNS)).invoke(rows -> left[0] += rows)
                .flatMap(ignored -> compact(conn, "choice_cube", CHOICE_COLUMNS)).invoke(rows -> left[0] += rows)
                .flatMap(ignored -> compact(conn, "pair_cube", PAIR_COLUMNS)).invoke(rows -> left[0] += rows)
                .flatMap(ignored -> conn.preparedQuery("UPDATE cube_fold SET rows_appended = 0, rows_compacted = $1").execute(Tuple.of(left[0])))
                .map(ignored -> left[0]);
    }

    private static Uni<Integer> compact(SqlConnection conn, String table, String[] columns) {
        String columnList = String.join(", ", columns);
        return conn.query("WITH gone AS (DELETE FROM " + table + " RETURNING *) INSERT INTO " + table + " (" + columnList
                        + ", record_count, key_sum) SELECT " + columnList + ", sum(record_count), sum(key_sum) FROM gone GROUP BY "
                        + columnList + " HAVING sum(record_count) <> 0 OR sum(key_sum) <> 0")
                .execute().map(SqlResult::rowCount);
    }

    /** Compacts the stored cubes now, in a transaction of its own that waits for a fold in progress; returns the rows left. */
    Uni<Long> compactNow() {
        return pool.withTransaction(conn -> lockFold(conn).flatMap(ignored -> compact(conn)));
    }

    /**
     * Folds the records stored since the last fold into the stored cubes and moves the fold snapshot on,
     * in one transaction, unless another instance is folding (or retention is running): then returns
     * {@link Fold#SKIPPED} at once.
     *
     * <p>Records are read by transaction id, the transactions that stored them grouped into chunks of
     * about {@code chunkRecords} (at least one transaction), each read in pages of at most
     * {@code chunkRecords}; the pages' cells are summed in compact in-memory cubes, appended whenever
     * those hold {@value #FOLD_FLUSH_CELLS} cells and at the end, so a fold that has fallen far behind
     * holds one page and a bounded sum in memory, not the whole backlog. Only folds
     * and retention write the stored cubes, and both hold the {@code cube_fold} row while they do, so
     * there is one writer and no lock-order deadlock.
     */
    public Uni<Fold> fold(int chunkRecords) {
        return fold(chunkRecords, FOLD_FLUSH_CELLS, Compaction.DEFAULT, () -> null);
    }

    /**
     * {@link #fold(int)}, but taking the sums an instance's refresh already made when they start where
     * the stored cubes stand ({@code unfolded}, asked once the fold is held): then the records are not
     * read again, and the stored cubes move to the instance's position. Otherwise the records are read;
     * up to the instance's position when that is at or after where the stored cubes stand, so that its
     * next sums start there.
     */
    public Uni<Fold> fold(int chunkRecords, Compaction compaction, Supplier<Unfolded> unfolded) {
        return fold(chunkRecords, FOLD_FLUSH_CELLS, compaction, unfolded);
    }

    /**
     * {@link #fold(int)}, writing the sums out whenever they hold {@code flushCells} cells and compacting
     * the cubes afterwards when {@code compaction} says it is due.
     */
    Uni<Fold> fold(int chunkRecords, int flushCells, Compaction compaction) {
        return fold(chunkRecords, flushCells, compaction, () -> null);
    }

    private Uni<Fold> fold(int chunkRecords, int flushCells, Compaction compaction, Supplier<Unfolded> unfolded) {
        return pool.withTransaction(conn -> conn.query("SELECT snapshot::text, pg_current_snapshot()::text, (SELECT epoch FROM cube_epoch) "
                        + "FROM cube_fold WHERE id = 1 FOR UPDATE SKIP LOCKED").execute()
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Fold.SKIPPED);
                    }
                    Row row = rows.iterator().next();
                    Position folded = new Position(row.getString(0), row.getLong(2));
                    String now = row.getString(1);
                    Unfolded taken = unfolded.get();
                    if (taken != null && taken.startsAt(folded)) {
                        return write(conn, taken.sums())
                                .flatMap(appended -> finish(conn, taken.until().snapshot(), appended, taken.records(), compaction))
                                .map(uncompacted -> new Fold(true, taken.records(), uncompacted.compacted(), true, uncompacted.rows()));
                    }
                    Uni<String> until = taken == null ? Uni.createFrom().item(now)
                            : contains(conn, taken.until().snapshot(), folded.snapshot()).map(later -> later ? taken.until().snapshot() : now);
                    return until.flatMap(to -> readAndFold(conn, folded.snapshot(), to, chunkRecords, flushCells)
                            .flatMap(run -> finish(conn, to, run.rows, run.folded, compaction)
                                    .map(uncompacted -> new Fold(true, run.folded, uncompacted.compacted(), false, uncompacted.rows()))));
                }));
    }

    /** Whether every record visible in the snapshot {@code earlier} is visible in {@code later} too. */
    private static Uni<Boolean> contains(SqlConnection conn, String later, String earlier) {
        return conn.preparedQuery("SELECT NOT EXISTS (SELECT 1 FROM response_record WHERE stored_xid >= pg_snapshot_xmin($1::text::pg_snapshot) "
                        + "AND pg_visible_in_snapshot(stored_xid, $2::text::pg_snapshot) AND NOT pg_visible_in_snapshot(stored_xid, $1::text::pg_snapshot))")
                .execute(Tuple.of(later, earlier))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Reads the records visible in {@code until} and not in {@code since}, and appends their sums. */
    private Uni<FoldRun> readAndFold(SqlConnection conn, String since, String until, int chunkRecords, int flushCells) {
        // The transactions that stored records visible in the new snapshot and not in the last one.
        return conn.preparedQuery("SELECT stored_xid::text, count(*) FROM response_record "
                        + "WHERE stored_xid >= pg_snapshot_xmin($1::text::pg_snapshot) "
                        + "AND NOT pg_visible_in_snapshot(stored_xid, $1::text::pg_snapshot) "
                        + "AND pg_visible_in_snapshot(stored_xid, $2::text::pg_snapshot) "
                        + "GROUP BY stored_xid ORDER BY stored_xid")
                .execute(Tuple.of(since, until))
                .flatMap(xids -> foldChunks(conn, chunks(xids, chunkRecords), chunkRecords, flushCells));
    }

    /**
     * Moves the fold's snapshot to {@code until} and counts the rows appended (for {@code records}
     * records); compacts when that is due. Returns whether it compacted and the rows appended since the
     * last compaction (none when it just did).
     */
    private static Uni<Uncompacted> finish(SqlConnection conn, String until, long appended, long records, Compaction compaction) {
        return conn.preparedQuery("UPDATE cube_fold SET snapshot = $1::text::pg_snapshot, folded_at = now(), "
                        + "rows_appended = rows_appended + $2 RETURNING rows_appended, rows_compacted")
                .execute(Tuple.of(until, appended))
                .flatMap(counts -> {
                    Row row = counts.iterator().next();
                    long uncompacted = row.getLong(0);
                    return compaction.due(uncompacted, row.getLong(1), records) ? compact(conn).replaceWith(new Uncompacted(true, 0))
                            : Uni.createFrom().item(new Uncompacted(false, uncompacted));
                });
    }

    private static List<String[]> chunks(Iterable<Row> xids, int chunkRecords) {
        List<String[]> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        long records = 0;
        for (Row xid : xids) {
            if (!chunk.isEmpty() && records + xid.getLong(1) > chunkRecords) {
                chunks.add(chunk.toArray(String[]::new));
                chunk.clear();
                records = 0;
            }
            chunk.add(xid.getString(0));
            records += xid.getLong(1);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk.toArray(String[]::new));
        }
        return chunks;
    }

    /**
     * Folds the chunks (groups of storing transactions) one after another, each read a page of at most
     * {@code pageRecords} records at a time (a storing transaction holds up to a consumer batch, 1,000
     * records). Pages are summed into compact in-memory cubes, written out when they hold
     * {@code flushCells} cells and at the end: summing many pages before writing makes records share cube
     * rows (a pair cell is shared by hundreds of records).
     *
     * <p>One page after another in a loop ({@code repeating}), with the sums in a mutable {@link FoldRun}:
     * not a chain of {@code flatMap}s from each page to the next, whose lambdas each kept the sums of
     * their page reachable until the whole fold ended. A fold 264,000 records behind, after the Big Ask
     * replay, held every flushed sum that way and ran the 256 MB heap out.
     */
    private Uni<FoldRun> foldChunks(SqlConnection conn, List<String[]> chunks, int pageRecords, int flushCells) {
        FoldRun run = new FoldRun(chunks, newSums.get());
        return Multi.createBy().repeating().uni(() -> foldPage(conn, run, pageRecords, flushCells))
                .whilst(more -> more)
                .collect().last()
                .flatMap(ignored -> write(conn, run.sums))
                .map(rows -> {
                    run.rows += rows;
                    return run;
                });
    }

    /** Reads and sums the next page, writing the sums out when they are large; false when there is none. */
    private Uni<Boolean> foldPage(SqlConnection conn, FoldRun run, int pageRecords, int flushCells) {
        if (run.chunk == run.chunks.size()) {
            return Uni.createFrom().item(false);
        }
        return conn.preparedQuery("SELECT response_id, record_cell, choices::text, record_key FROM response_record "
                        + "WHERE stored_xid = ANY($1::text[]::xid8[]) AND response_id > $2 ORDER BY response_id LIMIT $3")
                .execute(Tuple.of(run.chunks.get(run.chunk), run.after, pageRecords))
                // Parsing and summing thousands of records is CPU work: on a worker thread, never the event loop that
                // the consumer's and the HTTP requests' database replies come back on.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(rows -> {
                    int n = 0;
                    for (Row row : rows) {
                        run.after = row.getString(0);
                        run.sums.add(RecordMapper.contribution(run.after, row.getArrayOfStrings(1), row.getString(2), row.getInteger(3)));
                        n++;
                    }
                    run.folded += n;
                    if (n < pageRecords) {
                        run.chunk++;
                        run.after = "";
                    }
                    if (run.sums.cells() < flushCells) {
                        return Uni.createFrom().item(true);
                    }
                    return write(conn, run.sums).map(appended -> {
                        run.rows += appended;
                        run.sums = newSums.get();
                        return true;
                    });
                });
    }

    /** Where a fold is: the chunk and page it reads next, the sums not yet written, the records read, the rows appended. */
    private static final class FoldRun {
        final List<String[]> chunks;
        int chunk;
        String after = "";
        RecordCubes sums;
        long folded;
        long rows;

        FoldRun(List<String[]> chunks, RecordCubes sums) {
            this.chunks = chunks;
            this.sums = sums;
        }
    }

    /** Where a fold's sums come from: empty cubes, or for a test, cubes it can watch. */
    private volatile Supplier<RecordCubes> newSums = RecordCubes::forSums;

    /** For tests: the fold takes its (empty) sums from here. */
    void sumsFrom(Supplier<RecordCubes> factory) {
        newSums = factory;
    }

    /** Cells summed by a fold before they are written: about 12 MB at this many. */
    static final int FOLD_FLUSH_CELLS = 300_000;
    /** Cube rows per statement when a fold writes its sums. */
    static final int WRITE_SLICE = 20_000;
    private volatile int writeSlice = WRITE_SLICE;
    private volatile Consumer<Object> sliceWatcher = parameters -> {
    };

    /** For tests: write {@code cells} rows a statement, and hand the watcher each statement's key sums as they are sent. */
    void slicesOf(int cells, Consumer<Object> watcher) {
        writeSlice = cells;
        sliceWatcher = watcher;
    }

    /**
     * When a fold compacts the stored cubes: once the rows appended since the last compaction are more
     * than {@code factor} times those it left, and than {@code factor} times {@code minRows} (small cubes
     * are not worth it); but when the fold itself held at least {@code busyRecords} records (they are
     * arriving fast), only at {@code busyFactor} times. With the defaults a starting instance reads at most
     * about four rows a cell (thirteen at the end of a long peak), and compacting costs each appended row
     * about one more read and write, not one per fold. Why wait at a peak: a compaction rewrites every
     * stored cube, and on a loaded machine its CPU is taken from storing the records that keep arriving.
     */
    public record Compaction(int factor, long minRows, long busyRecords, int busyFactor) {
        /** The configuration's defaults ({@code reporting.cube.compaction.*}; CubeFoldTest holds them equal). */
        static final Compaction DEFAULT = new Compaction(3, 500_000, 3_000, 12);

        /** Compacts at {@code factor} whatever the rate records arrive at. */
        static Compaction always(int factor, long minRows) {
            return new Compaction(factor, minRows, Long.MAX_VALUE, factor);
        }

        boolean due(long appendedSince, long leftByLast, long foldedRecords) {
            int multiple = foldedRecords >= busyRecords ? busyFactor : factor;
            return appendedSince > (long) multiple * Math.max(leftByLast, minRows);
        }
    }

    /**
     * Appends summed cells (a fold's, or what retention subtracts) to the stored cubes; returns the rows
     * appended. Folds and retention, the only writers, hold the cube_fold row while they write.
     */
    private Uni<Long> write(SqlConnection conn, RecordCubes sums) {
        return writeSlices(conn, "record_cube", RECORD_COLUMNS, sums.records())
                .flatMap(records -> writeSlices(conn, "choice_cube", CHOICE_COLUMNS, sums.choices()).map(choices -> records + choices))
                .flatMap(rows -> writeSlices(conn, "pair_cube", PAIR_COLUMNS, sums.pairs()).map(pairs -> rows + pairs));
    }

    /**
     * Appends the cube's cells, {@link #WRITE_SLICE} a statement, leaving out those that sum to nothing;
     * returns the rows appended. One slice after another in a loop ({@code repeating}): a chain of
     * {@code flatMap}s from each slice to the next kept every written slice's statement parameters (eight
     * strings and two boxed longs a cell) reachable until the last was written. In the Big Ask replay that
     * was 18 slices, about 25 MB of the heap, every 30 s (a class histogram during a fold).
     */
    private Uni<Long> writeSlices(SqlConnection conn, String table, String[] columns, Cube cube) {
        int sliceCells = writeSlice;
        int[] next = new int[1];
        return Multi.createBy().repeating().uni(() -> {
                    int from = next[0];
                    int to = Math.min(from + sliceCells, cube.size());
                    next[0] = from + sliceCells;
                    // One bound for the slice's arrays and the cells visited, so the two cannot disagree.
                    Slice slice = new Slice(columns.length, Math.max(0, to - from));
                    cube.forEach(from, to, (cell, count, keySum) -> {
                        if (count != 0 || keySum != 0) {
                            slice.add(cell, count, keySum);
                        }
                    });
                    return append(conn, table, columns, slice);
                })
                .whilst(ignored -> next[0] < cube.size())
                .collect().with(Collectors.summingLong(Integer::longValue));
    }

    /**
     * Locks the fold (waiting for a fold in progress) inside the caller's transaction, and returns its
     * snapshot: records visible in it are in the stored cubes, the others are not yet.
     */
    public Uni<String> lockFold(SqlConnection conn) {
        return conn.query("SELECT snapshot::text FROM cube_fold WHERE id = 1 FOR UPDATE").execute()
                .map(rows -> rows.iterator().next().getString(0));
    }

    /** Moves the retention epoch on, inside the caller's transaction (see the class comment). */
    public Uni<Void> bumpEpoch(SqlConnection conn) {
        return conn.query("UPDATE cube_epoch SET epoch = epoch + 1").execute().replaceWithVoid();
    }

    /**
     * Reads every row of the three cubes (a cell may have several: add them up), at one snapshot, and
     * returns the position they stand at: the last fold's snapshot (records stored after it are not in
     * them; {@link #readStoredSince} reads those).
     */
    public Uni<Position> readAll(Consumer<CellRow> recordCells, Consumer<CellRow> choiceCells, Consumer<CellRow> pairCells) {
        return atOneSnapshot(conn -> foldPosition(conn)
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

    private static Uni<Position> foldPosition(SqlConnection conn) {
        return conn.query("SELECT (SELECT snapshot::text FROM cube_fold), (SELECT epoch FROM cube_epoch)").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getString(0), row.getLong(1));
                });
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

    /**
     * Through a cursor, 1,000 rows a fetch, so that millions of rows are never one result set in memory
     * (10,000 records a fetch, with their choices, ran the heap out while the store was far behind, the
     * driver copying each fetch whole into one buffer); the sink runs on a
     * worker thread (adding a record to the in-memory cubes is hundreds of cell updates), never on the
     * event loop that the consumer's and the HTTP requests' database replies come back on.
     */
    private static Uni<Void> stream(SqlConnection conn, String sql, Tuple params, Consumer<Row> sink) {
        return conn.prepare(sql)
                .onItem().transformToMulti(statement -> statement.createStream(1_000, params).toMulti())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(sink)
                .collect().last()
                .replaceWithVoid();
    }

    /** Where an instance's in-memory cubes stand: a PostgreSQL snapshot and the retention epoch it saw. */
    public record Position(String snapshot, long epoch) {
    }

    /**
     * What one fold did: whether it ran (another instance may have been folding), how many records it
     * folded, whether it compacted the cubes, whether it took an instance's sums instead of reading the
     * records, and the rows appended to the stored cubes since their last compaction, after it (-1 when skipped).
     */
    public record Fold(boolean ran, long records, boolean compacted, boolean fromSums, long rowsUncompacted) {
        public static final Fold SKIPPED = new Fold(false, 0, false, false, -1);
    }

    /** Whether a fold compacted, and the rows appended to the stored cubes since the last compaction after it. */
    private record Uncompacted(boolean compacted, long rows) {
    }

    /**
     * An instance's sums of the records visible in {@code until} (its position) and not in {@code since}
     * (where the stored cubes stood when it started summing); {@code since} and {@code sums} are null when
     * it was not summing.
     */
    public record Unfolded(Position since, Position until, RecordCubes sums, long records) {
        /** Whether these sums are exactly what the stored cubes, standing at {@code folded}, lack up to {@code until}. */
        boolean startsAt(Position folded) {
            // Retention since they started (the epoch moved) may have deleted records they hold.
            return sums != null && since != null && since.equals(folded) && until.epoch() == folded.epoch();
        }
    }

    /** A stored record as the in-memory cubes need it. */
    public record StoredRecord(String responseId, String[] recordCell, String choicesJson, int recordKey) {
        /** What the record adds to the cubes. */
        public ResponseRecord contribution() {
            return RecordMapper.contribution(responseId, recordCell, choicesJson, recordKey);
        }
    }

    /** One cube cell as stored. */
    public record CellRow(String[] cell, long count, long keySum) {
    }

    /** One statement's cells, column by column as {@code unnest} takes them (the first {@code rows} of each array). */
    private static final class Slice {
        final String[][] values;
        final Long[] counts;
        final Long[] keySums;
        int rows;

        Slice(int columns, int capacity) {
            values = new String[columns][capacity];
            counts = new Long[capacity];
            keySums = new Long[capacity];
        }

        void add(String[] cell, long count, long keySum) {
            for (int c = 0; c < values.length; c++) {
                values[c][rows] = cell[c];
            }
            counts[rows] = count;
            keySums[rows] = keySum;
            rows++;
        }
    }
}
