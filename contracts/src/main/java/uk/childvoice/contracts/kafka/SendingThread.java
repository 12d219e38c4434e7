package uk.childvoice.contracts.kafka;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a service's own Kafka producer is called from. {@code send} only appends to the
 * producer's batches, except while it waits for metadata or buffer space, when it blocks: so it never
 * runs on an event loop, and one thread is enough. The queue is bounded: when it is full, {@code execute}
 * refuses the task and the caller fails that send at once.
 */
public final class SendingThread {
    private SendingThread() {
    }

    /** A single daemon thread with this name and a queue of at most {@code queueCapacity} waiting tasks. */
    public static ThreadPoolExecutor create(String name, int queueCapacity) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
