package uk.childvoice.reporting.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.childvoice.reporting.repository.CubeRepository;

/**
 * The in-memory copies of the record cube and the choice cube that every table is answered from,
 * kept in step with PostgreSQL: loaded at start, refreshed after each stored batch and on a schedule
 * (changes by other instances and by retention).
 */
@ApplicationScoped
public class CubeIndex {
    private static final Logger LOG = Logger.getLogger(CubeIndex.class);

    private final CubeRepository repository;
    private final Cube records = new Cube(Dimension.values().length);
    private final Cube choices = new Cube(2 + Dimension.BROAD.size());
    private final Cube pairs = new Cube(5);
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile String watermark = "0";
    private volatile boolean loaded;

    public CubeIndex(CubeRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        long start = System.nanoTime();
        refresh().await().atMost(Duration.ofMinutes(10));
        loaded = true;
        LOG.infof("cube loaded: %d record cells, %d choice cells, %d pair cells in %d ms", records.size(), choices.size(), pairs.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The record cube (dimensions in {@link Dimension} order). */
    public Cube records() {
        return records;
    }

    /** The choice cube: question, option, then {@link Dimension#BROAD}. */
    public Cube choices() {
        return choices;
    }

    /** The pair cube: question a, option a, question b, option b, questionnaire (a &lt; b). */
    public Cube pairs() {
        return pairs;
    }

    public boolean loaded() {
        return loaded;
    }

    @Scheduled(every = "${reporting.cube.refresh-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRefresh() {
        return refresh();
    }

    /** Re-reads the cells changed since the last read; concurrent calls coalesce into one more pass. */
    public Uni<Void> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        return repository.readChangedSince(watermark,
                        row -> records.set(row.cell(), row.count(), row.keySum()),
                        row -> choices.set(row.cell(), row.count(), row.keySum()),
                        row -> pairs.set(row.cell(), row.count(), row.keySum()))
                .invoke(next -> watermark = next)
                .replaceWithVoid()
                .eventually(() -> refreshing.set(false))
                .flatMap(ignored -> again.getAndSet(false) ? refresh() : Uni.createFrom().voidItem());
    }
}
