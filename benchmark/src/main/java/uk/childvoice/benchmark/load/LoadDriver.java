package uk.childvoice.benchmark.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A closed-loop HTTP load driver on Vert.x (the same Netty stack the services run on): a fixed number
 * of in-flight requests, each slot sending its next request as soon as the previous one is answered,
 * bounded in request count and in time, against 127.0.0.1 only. Records the latency of every request
 * in an HdrHistogram, counts outcomes by status, and reports progress while it runs.
 *
 * <p>Closed loop means latency under overload shows as lower throughput rather than as queueing
 * (coordinated omission); the driver is for capacity at a fixed concurrency, which is what the
 * benchmark asks for.
 */
public final class LoadDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** Supplies request number {@code index} (0-based); called on an event-loop thread. */
    @FunctionalInterface
    public interface RequestSource {
        PreparedRequest request(long index);
    }

    /** How one run is bounded. */
    public record Plan(String name, int concurrency, long maxRequests, Duration maxDuration, Duration progressEvery,
            boolean solveProofOfWork) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Context[] contexts;
    private final String host;
    private final int port;

    /**
     * @param target the server's base URL; must be on the loopback interface
     * @param eventLoops driver threads (the machine's cores are shared with the system under test)
     * @param maxConnections upper bound on concurrency
     */
    public LoadDriver(URI target, int eventLoops, int maxConnections) {
        if (!"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
            throw new IllegalArgumentException("the load driver only targets loopback, not " + target.getHost());
        }
        this.host = target.getHost();
        this.port = target.getPort();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true).setPipelining(false).setTcpNoDelay(true).setConnectTimeout(5_000)
                .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS),
                new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
        this.contexts = new Context[eventLoops];
        for (int i = 0; i < eventLoops; i++) {
            // From a non-Vert.x thread each call makes a new context on the next event loop (round robin).
            contexts[i] = vertx.getOrCreateContext();
        }
    }

    /** Runs the plan to completion (count or time, whichever comes first) and returns what it measured. */
    public LoadResult run(Plan plan, RequestSource source, Consumer<String> progress) {
        Run run = new Run(plan, source);
        long start = System.nanoTime();
        run.deadline = start + plan.maxDuration().toNanos();
        for (int slot = 0; slot < plan.concurrency(); slot++) {
            contexts[slot % contexts.length].runOnContext(v -> run.next());
        }
        Histogram total = new Histogram(HIGHEST_NANOS, 3);
        long lastDone = 0;
        long lastTick = start;
        try {
            while (!run.finished.isDone()) {
                try {
                    run.finished.get(plan.progressEvery().toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException tick) {
                    Histogram interval = run.recorder.getIntervalHistogram();
                    total.add(interval);
                    long now = System.nanoTime();
                    long done = run.completed.sum();
                    progress.accept(String.format("%s: %,d done (%,.0f/s now), p99 %.1f ms this interval, errors %,d, elapsed %.0f s",
                            plan.name(), done, (done - lastDone) / ((now - lastTick) / 1e9),
                            interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e6,
                            run.errors.sum(), (now - start) / 1e9));
                    lastDone = done;
                    lastTick = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.deadline = 0;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        long elapsed = System.nanoTime() - start;
        total.add(run.recorder.getIntervalHistogram());
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        run.outcomes.forEach((k, v) -> outcomes.put(k, v.sum()));
        return new LoadResult(plan.name(), plan.concurrency(), Duration.ofNanos(elapsed), total, outcomes, Map.copyOf(run.sampleErrors));
    }

    /** The state of one run, shared by its slots. */
    private final class Run {
        final Plan plan;
        final RequestSource source;
        final AtomicLong nextIndex = new AtomicLong();
        final AtomicInteger activeSlots;
        final LongAdder completed = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final Map<String, String> sampleErrors = new ConcurrentHashMap<>();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        volatile long deadline;

        Run(Plan plan, RequestSource source) {
            this.plan = plan;
            this.source = source;
            this.activeSlots = new AtomicInteger(plan.concurrency());
        }

        /** Sends this slot's next request, or retires the slot when the plan is done. */
        void next() {
            long index = nextIndex.getAndIncrement();
            if (index >= plan.maxRequests() || System.nanoTime() >= deadline) {
                if (activeSlots.decrementAndGet() == 0) {
                    finished.complete(null);
                }
                return;
            }
            PreparedRequest request;
            try {
                request = source.request(index);
            } catch (RuntimeException e) {
                outcome("generator-error", e.toString());
                next();
                return;
            }
            Future<PreparedRequest> ready = plan.solveProofOfWork() ? withProofOfWork(request) : Future.succeededFuture(request);
            ready.onComplete(prepared -> {
                if (prepared.failed()) {
                    outcome("challenge-" + name(prepared.cause()), String.valueOf(prepared.cause().getMessage()));
                    next();
                    return;
                }
                send(prepared.result());
            });
        }

        private void send(PreparedRequest request) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                    .setHost(host).setPort(port).setURI(request.path());
            request.headers().forEach(options::putHeader);
            long begin = System.nanoTime();
            client.request(options)
                    .compose(req -> request.body().length == 0 ? req.send() : req.send(Buffer.buffer(request.body())))
                    .compose(resp -> resp.body().map(body -> {
                        int status = resp.statusCode();
                        if (status / 100 != 2) {
                            sampleErrors.putIfAbsent(Integer.toString(status), abbreviate(body.toString()));
                        }
                        return status;
                    }))
                    .onComplete(ar -> {
                        long took = System.nanoTime() - begin;
                        if (ar.succeeded()) {
                            recorder.recordValue(Math.min(took, HIGHEST_NANOS));
                            outcome(Integer.toString(ar.result()), null);
                        } else {
                            outcome("io-" + name(ar.cause()), String.valueOf(ar.cause().getMessage()));
                        }
                        next();
                    });
        }

        private Future<PreparedRequest> withProofOfWork(PreparedRequest request) {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                    .setURI(ProofOfWorkSolver.CHALLENGE_PATH))
                    .compose(req -> req.send())
                    .compose(resp -> resp.body().map(body -> {
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException("challenge answered HTTP " + resp.statusCode());
                        }
                        try {
                            return request.withHeader(ProofOfWorkSolver.HEADER, ProofOfWorkSolver.solve(JSON.readTree(body.getBytes())));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException("challenge is not JSON", e);
                        }
                    }));
        }

        private void outcome(String key, String sample) {
            completed.increment();
            if (!key.startsWith("2")) {
                errors.increment();
                if (sample != null) {
                    sampleErrors.putIfAbsent(key, abbreviate(sample));
                }
            }
            outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    private static String name(Throwable t) {
        return t.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
