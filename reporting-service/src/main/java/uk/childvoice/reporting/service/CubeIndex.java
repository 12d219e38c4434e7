package uk.childvoice.reporting.service;

import uk.childvoice.reporting.cube.Cube;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.childvoice.reporting.mapping.RecordMapper;
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
 * <p>Why not re-read the cube rows that changed: a batch of records changes thousands of cube rows,
 * so reading them back cost more than writing them, and tracking changed rows needs an index that
 * makes every cube update a non-HOT update. Following the records costs one indexed range read.
 */
@ApplicationScoped
public class CubeIndex {
    private static final Logger LOG = Logger.getLogger(CubeIndex.class);

    private final CubeRepository repository;
    private volatile RecordCubes cubes = RecordCubes.empty();
    private volatile Position position;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean loaded;

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
     * or everything when there is no last one or retention has moved the epoch. Concurrent calls coalesce
     * into one more pass.
     */
    public Uni<Void> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        Position since = position;
        Uni<Void> pass = since == null ? readWhole() : readNewRecords(since);
        return pass
                .eventually(() -> refreshing.set(false))
                .flatMap(ignored -> again.getAndSet(false) ? refresh() : Uni.createFrom().voidItem());
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
        RecordCubes added = RecordCubes.empty();
        int[] records = new int[1];
        return repository.readStoredSince(since, stored -> {
            added.add(RecordMapper.contribution(stored.responseId(), stored.recordCell(), stored.choicesJson(), stored.recordKey()));
            records[0]++;
        }).onFailure().invoke(e -> LOG.warnf("reading newly stored records failed (%s); the next refresh reads them again",
                e.getClass().getSimpleName()))
                .flatMap(next -> {
                    if (next.epoch() != since.epoch()) {
                        LOG.infof("retention changed the cubes (epoch %d to %d): reading them whole", since.epoch(), next.epoch());
                        return readWhole();
                    }
                    current.addAll(added);
                    position = next;
                    if (records[0] > 0) {
                        LOG.debugf("added %d newly stored records to the cubes", records[0]);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Reads the three stored cubes and then the records stored since their last fold into new copies,
     * then swaps them in, so a table never sees a half-read cube.
     */
    private Uni<Void> readWhole() {
        RecordCubes fresh = RecordCubes.empty();
        // A stored cell may have several rows (the cubes are append-only between compactions): each adds to it.
        return repository.readAll(row -> fresh.records().add(row.cell(), row.count(), row.keySum()),
                        row -> fresh.choices().add(row.cell(), row.count(), row.keySum()),
                        row -> fresh.pairs().add(row.cell(), row.count(), row.keySum()))
                .flatMap(folded -> repository.readStoredSince(folded, stored -> fresh.add(RecordMapper.contribution(stored.responseId(),
                                stored.recordCell(), stored.choicesJson(), stored.recordKey())))
                        .flatMap(next -> {
                            if (next.epoch() != folded.epoch()) {
                                // Retention ran between the two reads: what was read may no longer add up.
                                return readWhole();
                            }
                            cubes = fresh;
                            position = next;
                            return Uni.createFrom().voidItem();
                        }));
    }
}
