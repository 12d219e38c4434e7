package uk.childvoice.reporting.service;

import uk.childvoice.reporting.cube.Cube;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.childvoice.reporting.repository.CubeRepository;
import uk.childvoice.reporting.repository.CubeRepository.Position;
import uk.childvoice.reporting.repository.RecordCubes;

/**
 * The in-memory copies of the record, choice and pair cubes that every table is answered from. Read
 * at start from the stored cubes plus the records stored since their last fold; then, on a schedule,
 * each record committed since the last snapshot (by this instance or any other) is added once, from
 * its stored coordinates and choices; when retention has deleted records (the epoch moved) the cubes
 * are read whole again and swapped in.
 *
 * <p>It also keeps the sum of the records read since the stored cubes' last fold, so that a fold on
 * this instance appends those instead of reading the records a second time ({@link #takeUnfolded},
 * {@link CubeRepository#fold(int, java.util.function.Supplier)}).
 *
 * <p>Why not re-read the cube rows that changed: a batch of records changes thousands of cube rows,
 * so reading them back cost more than writing them, and tracking changed rows needs an index that
 * makes every cube update a non-HOT update. Following the records costs one indexed range read.
 */
@ApplicationScoped
public class CubeIndex {
    private static final Logger LOG = Logger.getLogger(CubeIndex.class);

    /**
     * The most cells kept summed for the next fold (about 20 MB); past it the instance stops summing and
     * the next fold reads the records instead. Half a minute of the Big Ask replay's records is about
     * 300,000 cells.
     */
    static final int UNFOLDED_MAX_CELLS = 800_000;

    /**
     * The most cells of the cubes a refresh sums its records into that are kept for the next refresh
     * (about 3 MB with their index): a second of the Big Ask replay's records is about 70,000 cells. A
     * refresh that read a long backlog leaves its larger cubes to the collector: kept, 300,000 cells
     * (about 8 MB) took the service's peak resident memory to 300 MB in a full replay.
     */
    static final int REUSED_MAX_CELLS = 100_000;

    private final CubeRepository repository;
    /** The cubes the last refresh summed into, emptied for the next one; null: make new ones. Used by one pass at a time. */
    private volatile RecordCubes reusable;
    private volatile RecordCubes cubes = RecordCubes.empty();
    private volatile boolean loaded;

    /** Guards the position and the sums for the next fold, which change together. */
    private final Object state = new Object();
    private volatile Position position;
    /** The records read since {@link #unfoldedSince} (a fold position), summed for the next fold; null when not summing. */
    private RecordCubes unfolded;
    private Position unfoldedSince;
    private long unfoldedRecords;

    /** Guards whether a pass is running and who waits for the next one. */
    private final Object passes = new Object();
    private boolean running;
    private CompletableFuture<Void> nextPass;

    public CubeIndex(CubeRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        long start = System.nanoTime();
        refresh().await().atMost(Duration.ofMinutes(10));
        loaded = true;
        RecordCubes c = cubes;
        LOG.infof("cube loaded: %d record cells, %d choice cells, %d pair cells in %d ms", c.records().size(), c.choices().size(),
                c.pairs().size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** The record cube (dimensions in {@link Dimension} order). */
    public Cube records() {
        return cubes.records();
    }

    /** The choice cube: question, option, then {@link Dimension#BROAD}. */
    public Cube choices() {
        return cubes.choices();
    }

    /** The pair cube: question a, option a, question b, option b, questionnaire (a &lt; b). */
    public Cube pairs() {
        return cubes.pairs();
    }

    public boolean loaded() {
        return loaded;
    }

    @Scheduled(every = "${reporting.cube.refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRefresh() {
        return refresh();
    }

    /**
     * Brings the cubes up to the database's current snapshot: the records committed since the last one,
     * or everything when there is no last one or retention has moved the epoch. Completes once the
     * cubes hold every record committed before the call: calls made while a pass runs share one more
     * pass, and complete when it does.
     */
    public Uni<Void> refresh() {
        synchronized (passes) {
            if (running) {
                if (nextPass == null) {
                    nextPass = new CompletableFuture<>();
                }
                return Uni.createFrom().completionStage(nextPass);
            }
            running = true;
        }
        return passes();
    }

    /** One pass; when it ends, another for those who called while it ran (each caller waits for its own pass only). */
    private Uni<Void> passes() {
        Position since = position;
        Uni<Void> pass = since == null ? readWhole() : readNewRecords(since);
        return pass.onItemOrFailure().invoke((ignored, failure) -> {
            CompletableFuture<Void> waiting;
            synchronized (passes) {
                waiting = nextPass;
                nextPass = null;
                running = waiting != null;
            }
            if (waiting != null) {
                passes().subscribe().with(done -> waiting.complete(null), waiting::completeExceptionally);
            }
        });
    }

    /**
     * For a fold that holds the stored cubes: the records this instance has read since it started
     * summing, and from where; it then sums afresh from its current position, where the fold will leave
     * the stored cubes if it can.
     */
    public CubeRepository.Unfolded takeUnfolded() {
        synchronized (state) {
            Position until = position;
            if (until == null) {
                return null;
            }
            CubeRepository.Unfolded taken = new CubeRepository.Unfolded(unfoldedSince, until, unfolded, unfoldedRecords);
            unfolded = RecordCubes.forSums();
            unfoldedSince = until;
            unfoldedRecords = 0;
            return taken;
        }
    }

    /**
     * Adds the records committed since {@code since}: summed into small compact cubes first and added to
     * the live ones only once the read is complete, so a failed read leaves the cubes as they were and
     * the next refresh simply reads the same records again. (Reading whole instead, as this once did,
     * needs a second full copy of the cubes in memory, and after an out-of-memory failure that copy
     * failed too, again and again.)
     */
    private Uni<Void> readNewRecords(Position since) {
        RecordCubes current = cubes;
        RecordCubes added = emptySums();
        int[] records = new int[1];
        return repository.readStoredSince(since, stored -> {
            added.add(stored.contribution());
            records[0]++;
        }).onFailure().invoke(e -> LOG.warnf("reading newly stored records failed (%s); the next refresh reads them again",
                e.getClass().getSimpleName()))
                .flatMap(next -> {
                    if (next.epoch() != since.epoch()) {
                        LOG.infof("retention changed the cubes (epoch %d to %d): reading them whole", since.epoch(), next.epoch());
                        return readWhole();
                    }
                    current.addAll(added);
                    synchronized (state) {
                        if (unfolded != null) {
                            unfolded.addAll(added);
                            unfoldedRecords += records[0];
                            stopSummingIfTooLarge();
                        }
                        position = next;
                    }
                    if (added.cells() <= REUSED_MAX_CELLS) {
                        reusable = added;
                    }
                    if (records[0] > 0) {
                        LOG.debugf("added %d newly stored records to the cubes", records[0]);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Reads the three stored cubes and then the records stored since their last fold into new copies,
     * then swaps them in, so a table never sees a half-read cube. The records since the fold are also
     * the sums for the next fold, unless there are too many.
     */
    private Uni<Void> readWhole() {
        RecordCubes fresh = RecordCubes.empty();
        RecordCubes[] sinceFold = {RecordCubes.forSums()};
        long[] records = new long[1];
        // A stored cell may have several rows (the cubes are append-only between compactions): each adds to it.
        return repository.readAll(row -> fresh.records().add(row.cell(), row.count(), row.keySum()),
                        row -> fresh.choices().add(row.cell(), row.count(), row.keySum()),
                        row -> fresh.pairs().add(row.cell(), row.count(), row.keySum()))
                .flatMap(folded -> repository.readStoredSince(folded, stored -> {
                            if (sinceFold[0] == null) {
                                fresh.add(stored.contribution());
                                return;
                            }
                            sinceFold[0].add(stored.contribution());
                            records[0]++;
                            if (sinceFold[0].cells() > UNFOLDED_MAX_CELLS) {
                                fresh.addAll(sinceFold[0]);
                                sinceFold[0] = null;
                            }
                        })
                        .flatMap(next -> {
                            if (next.epoch() != folded.epoch()) {
                                // Retention ran between the two reads: what was read may no longer add up.
                                return readWhole();
                            }
                            if (sinceFold[0] != null) {
                                fresh.addAll(sinceFold[0]);
                            }
                            synchronized (state) {
                                cubes = fresh;
                                unfolded = sinceFold[0];
                                unfoldedSince = sinceFold[0] == null ? null : folded;
                                unfoldedRecords = records[0];
                                position = next;
                            }
                            return Uni.createFrom().voidItem();
                        }));
    }

    /** The cubes the last refresh summed into, emptied; new ones when it kept none. */
    private RecordCubes emptySums() {
        RecordCubes kept = reusable;
        reusable = null;
        if (kept == null) {
            return RecordCubes.forSums();
        }
        kept.clear();
        return kept;
    }

    /** Past {@link #UNFOLDED_MAX_CELLS} the sums are dropped: the next fold reads the records. Holding {@link #state}. */
    private void stopSummingIfTooLarge() {
        if (unfolded.cells() > UNFOLDED_MAX_CELLS) {
            LOG.infof("%d records (%d cells) read since the stored cubes' last fold: the next fold reads them from the database",
                    unfoldedRecords, unfolded.cells());
            unfolded = null;
            unfoldedSince = null;
            unfoldedRecords = 0;
        }
    }
}
