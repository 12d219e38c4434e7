package uk.childvoice.benchmark.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an accepted response waits inside intake, from intake's own metrics: the step timers
 * ({@code intake.submission.step}: the claim in PostgreSQL, Kafka's acknowledgement, the accept) and the
 * group-committed statements ({@code intake.submission.store.statements} and {@code .items}, by kind).
 * Read before and after a run; the difference is that run's.
 */
public record IntakeSteps(Map<String, Double> stepCount, Map<String, Double> stepSeconds, Map<String, Long> statements,
        Map<String, Long> items) {
    /** The steps intake times, in the order a response goes through them. */
    public static final List<String> STEPS = List.of("claim", "kafka-ack", "accept");
    /** The kinds of group-committed statement. */
    public static final List<String> KINDS = List.of("claim", "accept", "release");

    static final String STEP_COUNT = "intake_submission_step_seconds_count";
    static final String STEP_SUM = "intake_submission_step_seconds_sum";
    static final String STATEMENTS = "intake_submission_store_statements_total";
    static final String ITEMS = "intake_submission_store_items_total";

    /** The counters as intake exposes them now. */
    public static IntakeSteps of(PrometheusText text) {
        Map<String, Double> count = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String step : STEPS) {
            count.put(step, text.total(STEP_COUNT, "step", step));
            seconds.put(step, text.total(STEP_SUM, "step", step));
        }
        Map<String, Long> statements = new LinkedHashMap<>();
        Map<String, Long> items = new LinkedHashMap<>();
        for (String kind : KINDS) {
            statements.put(kind, text.sum(STATEMENTS, "kind", kind));
            items.put(kind, text.sum(ITEMS, "kind", kind));
        }
        return new IntakeSteps(count, seconds, statements, items);
    }

    /** What happened between {@code before} and this reading. */
    public IntakeSteps minus(IntakeSteps before) {
        return new IntakeSteps(minusD(stepCount, before.stepCount), minusD(stepSeconds, before.stepSeconds),
                minusL(statements, before.statements), minusL(items, before.items));
    }

    /** Mean wait of a step in milliseconds (0 when no response went through it). */
    public double meanMillis(String step) {
        double n = stepCount.getOrDefault(step, 0.0);
        return n == 0 ? 0 : 1000 * stepSeconds.getOrDefault(step, 0.0) / n;
    }

    /** Report lines: mean wait per step, and statements with their mean batch size. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        for (String step : STEPS) {
            waits.add(String.format("%s %.2f ms", step, meanMillis(step)));
        }
        lines.add("intake's step timers, mean wait a response (queueing included): " + String.join(", ", waits));
        List<String> batches = new ArrayList<>();
        for (String kind : KINDS) {
            long s = statements.getOrDefault(kind, 0L);
            long i = items.getOrDefault(kind, 0L);
            if (s > 0) {
                batches.add(String.format("%s %,d for %,d ids (%.1f a statement)", kind, s, i, (double) i / s));
            }
        }
        lines.add("intake's group-committed PostgreSQL statements: " + (batches.isEmpty() ? "none" : String.join(", ", batches)));
        return lines;
    }

    private static Map<String, Double> minusD(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> d = new LinkedHashMap<>();
        a.forEach((k, v) -> d.put(k, v - b.getOrDefault(k, 0.0)));
        return d;
    }

    private static Map<String, Long> minusL(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> d = new LinkedHashMap<>();
        a.forEach((k, v) -> d.put(k, v - b.getOrDefault(k, 0L)));
        return d;
    }
}
