package uk.childvoice.reporting.service;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.repository.CubeRepository;
import uk.childvoice.reporting.repository.CubeRepository.Fold;

/**
 * Folds newly stored records into the cubes in PostgreSQL, on a schedule, on whichever instance gets
 * there first ({@link CubeRepository#fold}).
 *
 * <p>Why not in the consumer's transaction, as before: the stored cubes answer no table (each
 * instance answers from its in-memory cubes, which follow the records), they only spare a starting
 * instance from reading every record. Upserting each batch's cube cells (about 30 choice cells per
 * record, most of them new) inside the batch's transaction was most of the store's cost, so ingestion
 * fell behind while intake was busy. Folding apart lets records
 * be stored at the rate they arrive, and a fold that has fallen behind sums more records per cube row,
 * so it catches up faster than batches did.
 */
@ApplicationScoped
public class CubeFolder {
    private static final Logger LOG = Logger.getLogger(CubeFolder.class);
    /** The scheduled fold's identity, by which it can be paused ({@code io.quarkus.scheduler.Scheduler#pause}). */
    public static final String JOB = "cube-fold";

    private final CubeRepository repository;
    private final CubeIndex index;
    private final int chunkRecords;
    private final CubeRepository.Compaction compaction;
    private final Counter folded;
    private final Counter compactions;
    private final AtomicLong lastFoldMillis = new AtomicLong();
    private final AtomicLong rowsUncompacted = new AtomicLong();

    public CubeFolder(CubeRepository repository, CubeIndex index, ReportingConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.index = index;
        this.chunkRecords = config.cube().foldChunkRecords();
        ReportingConfig.Cube.Compaction c = config.cube().compaction();
        this.compaction = new CubeRepository.Compaction(c.factor(), c.minimumRows(), c.busyFoldRecords(), c.busyFactor());
        this.folded = Counter.builder("reporting.cube.records.folded")
                .description("Stored records this instance folded into the cubes in PostgreSQL").register(registry);
        Gauge.builder("reporting.cube.fold.duration", lastFoldMillis, AtomicLong::get).baseUnit("milliseconds")
                .description("How long this instance's last fold that folded anything took").register(registry);
        // While records arrive fast a due compaction waits (CubeRepository.Compaction): these show it waiting and then running.
        this.compactions = Counter.builder("reporting.cube.compactions")
                .description("Compactions of the stored cubes this instance ran (each rewrites every stored cube)").register(registry);
        Gauge.builder("reporting.cube.rows.uncompacted", rowsUncompacted, AtomicLong::get)
                .description("Rows appended to the stored cubes since their last compaction, as this instance's last fold left them")
                .register(registry);
    }

    @Scheduled(identity = JOB, every = "${reporting.cube.fold-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledFold() {
        return fold().replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    // Nothing is lost: the transaction rolled back, and the next fold starts from the same snapshot.
                    LOG.warnf("folding stored records into the cubes failed (%s); the next fold retries them", e.getClass().getSimpleName());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * One fold now, or {@link Fold#SKIPPED} if another instance (or retention) holds the fold. It first
     * brings this instance's cubes up to date, then folds the sums they made of the records since the
     * stored cubes' last fold, when they start there (this instance did the last fold, or has read
     * whole since): the records are not read a second time.
     */
    public Uni<Fold> fold() {
        long start = System.nanoTime();
        return index.refresh().chain(() -> repository.fold(chunkRecords, compaction, index::takeUnfolded)).invoke(fold -> {
            if (fold.ran()) {
                rowsUncompacted.set(fold.rowsUncompacted());
            }
            if (fold.records() > 0) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                folded.increment(fold.records());
                lastFoldMillis.set(millis);
                LOG.debugf("folded %d stored records into the cubes in %d ms (%s)", fold.records(), millis,
                        fold.fromSums() ? "from this instance's sums" : "read from the database");
            }
            if (fold.compacted()) {
                compactions.increment();
                // Compaction rewrites every stored cube: the heaviest statement the service runs, so ops see when.
                LOG.infof("compacted the stored cubes (fold of %d records, %d ms in all)", fold.records(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        });
    }
}
