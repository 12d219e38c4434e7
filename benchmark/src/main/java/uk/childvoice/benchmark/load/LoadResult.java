package uk.childvoice.benchmark.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: how many requests, how long, latency of every completed request
 * (HdrHistogram, nanoseconds) and the outcome of each request by HTTP status or error class.
 */
public record LoadResult(String name, int concurrency, Duration elapsed, Histogram latency, Map<String, Long> outcomes,
        Map<String, String> sampleErrors) {

    /** Requests that got a 2xx answer. */
    public long succeeded() {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum();
    }

    public long total() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long failed() {
        return total() - succeeded();
    }

    /** 2xx answers per second over the whole run. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : succeeded() / seconds;
    }

    /** A latency percentile (0-100) in milliseconds. */
    public double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6;
    }

    /** Outcomes other than 2xx, sorted. */
    public Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        outcomes.forEach((k, v) -> {
            if (!k.startsWith("2")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** One line: throughput, latency percentiles and errors. */
    public String summary() {
        return String.format("%-22s %,9d ok in %6.1f s = %,9.0f/s  p50 %6.2f  p95 %6.2f  p99 %6.2f  max %7.2f ms  errors %s",
                name, succeeded(), elapsed.toNanos() / 1e9, throughput(), percentileMillis(50), percentileMillis(95),
                percentileMillis(99), maxMillis(), errors().isEmpty() ? "none" : errors());
    }

    static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
