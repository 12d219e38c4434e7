package uk.childvoice.intake.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Group commit for one kind of statement: the items of concurrent callers are gathered and sent as one
 * batch operation (one multi-row SQL statement, one commit), and each caller gets its own result.
 *
 * <p>Written here rather than taken from a library because what it must do is small and specific to
 * the reactive client: no thread, no timer, no blocking. The rule is "natural batching": a batch is
 * sent at once while fewer than {@code maxInFlight} batches are running, so a lone request never waits;
 * otherwise items gather until a running batch completes (or {@code maxSize} are waiting), so under load
 * the batch grows with the load and the number of statements, commits and WAL flushes stays about
 * {@code maxInFlight} per database round trip, whatever the request rate. A fixed time window (flush
 * after 1-2 ms) would add its whole delay to every request at low load and still need the size cap.
 *
 * <p>Thread-safe: callers come from every event loop and from the Kafka producer's callback thread. The
 * lock is held only to move items between lists, never while a batch runs. A failed batch fails every
 * caller in it with the same error; a batch that answers with the wrong number of results fails too.
 *
 * @param <I> one caller's item
 * @param <O> one caller's result
 */
public final class MicroBatcher<I, O> {
    private final Function<List<I>, Uni<List<O>>> operation;
    private final int maxSize;
    private final int maxInFlight;
    private List<Pending<I, O>> waiting = new ArrayList<>();
    private int inFlight;
    private long batchesRun;
    private long itemsRun;

    /**
     * @param operation runs one batch; must answer one result per item, in the items' order
     * @param maxSize most items in one batch
     * @param maxInFlight most batches running at once (each holds one database connection)
     */
    public MicroBatcher(Function<List<I>, Uni<List<O>>> operation, int maxSize, int maxInFlight) {
        if (maxSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxSize and maxInFlight must be at least 1");
        }
        this.operation = operation;
        this.maxSize = maxSize;
        this.maxInFlight = maxInFlight;
    }

    /** This item's result once the batch it joined has run (lazy: the item joins a batch on subscription). */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending<I, O>> batch;
            synchronized (this) {
                waiting.add(new Pending<>(item, emitter));
                batch = takeBatchIfAllowed();
            }
            run(batch);
        });
    }

    /** Batches sent so far (for tests and diagnostics). */
    public synchronized long batchesRun() {
        return batchesRun;
    }

    /** Items sent so far, in all batches (items / batches = mean batch size). */
    public synchronized long itemsRun() {
        return itemsRun;
    }

    /** Items waiting for a batch slot (for tests and diagnostics). */
    public synchronized int waiting() {
        return waiting.size();
    }

    // Called with the lock held: the next batch to send, or null if none may be sent now.
    private List<Pending<I, O>> takeBatchIfAllowed() {
        if (waiting.isEmpty() || inFlight >= maxInFlight) {
            return null;
        }
        inFlight++;
        batchesRun++;
        List<Pending<I, O>> batch;
        if (waiting.size() <= maxSize) {
            batch = waiting;
            waiting = new ArrayList<>();
        } else {
            batch = new ArrayList<>(waiting.subList(0, maxSize));
            waiting = new ArrayList<>(waiting.subList(maxSize, waiting.size()));
        }
        itemsRun += batch.size();
        return batch;
    }

    private void run(List<Pending<I, O>> batch) {
        if (batch == null) {
            return;
        }
        List<I> items = new ArrayList<>(batch.size());
        for (Pending<I, O> p : batch) {
            items.add(p.item());
        }
        Uni<List<O>> result;
        try {
            result = operation.apply(items);
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        // The next batch is started before this one's callers continue: their continuations run on this
        // thread (validation-free but CPU-bound work such as encryption), and the database should not wait for them.
        result.subscribe().with(results -> {
            finished();
            if (results == null || results.size() != batch.size()) {
                failAll(batch, new IllegalStateException("a batch of " + batch.size() + " answered "
                        + (results == null ? "nothing" : results.size() + " results")));
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).emitter().complete(results.get(i));
                }
            }
        }, failure -> {
            finished();
            failAll(batch, failure);
        });
    }

    private void finished() {
        List<Pending<I, O>> next;
        synchronized (this) {
            inFlight--;
            next = takeBatchIfAllowed();
        }
        run(next);
    }

    private static <I, O> void failAll(List<Pending<I, O>> batch, Throwable failure) {
        for (Pending<I, O> p : batch) {
            p.emitter().fail(failure);
        }
    }

    private record Pending<I, O>(I item, UniEmitter<? super O> emitter) {
    }
}
