package uk.childvoice.anonymiser.evaluation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;

/**
 * Answers per CPU-second through the default pipeline (safeguarding check plus scrub) on one thread,
 * after a warm-up: on the child-style texts, and on those plus Presidio's longer, digit-heavy
 * sentences; then both without the person tagger, for its cost. CPU time of the thread, not wall
 * time, because build machines are shared. Printed, never asserted.
 */
public final class SpeedBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SpeedBenchmark() {
    }

    public static void main(String[] args) {
        Lexicon lexicon = Lexicon.load();
        FreeTextScrubber scrubber = new FreeTextScrubber(lexicon);
        FreeTextScrubber withoutTagger = new FreeTextScrubber(lexicon, null);
        SafeguardingDetector safeguarding = SafeguardingDetector.load();
        List<String> child = new ArrayList<>();
        GoldExample.readJsonl("eval/child-style/child-style.jsonl").forEach(g -> child.add(g.text()));
        List<String> mixed = new ArrayList<>(child);
        GoldExample.readJsonl("eval/presidio-research/synth_dataset_v2.jsonl").forEach(g -> mixed.add(g.text()));
        run(scrubber, safeguarding, mixed, 5);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n### Speed (one thread, Java %s)%n%n| texts | answers | mean length (chars) | answers per CPU-second | CPU µs/answer |%n"
                        + "|---|---:|---:|---:|---:|%n", Runtime.version()));
        out.append(row("child-style", child, run(scrubber, safeguarding, child, 8)));
        out.append(row("child-style + presidio", mixed, run(scrubber, safeguarding, mixed, 8)));
        // The same texts without the person tagger, under the same load, to show what the model costs.
        out.append(row("child-style, no tagger", child, run(withoutTagger, safeguarding, child, 8)));
        out.append(row("child-style + presidio, no tagger", mixed, run(withoutTagger, safeguarding, mixed, 8)));
        System.out.println(out);
    }

    private static String row(String name, List<String> texts, double perSecond) {
        long chars = texts.stream().mapToLong(String::length).sum();
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f |%n", name, texts.size(), chars / texts.size(),
                perSecond, 1e6 / perSecond);
    }

    /** Runs for the given wall seconds; returns answers per CPU-second of this thread. */
    private static double run(FreeTextScrubber scrubber, SafeguardingDetector safeguarding, List<String> texts, int seconds) {
        int sink = 0;
        long answers = 0;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long stop = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < stop) {
            for (String t : texts) {
                sink += scrubber.scrub(t).entities().size() + (safeguarding.assess(t).flag() ? 1 : 0);
            }
            answers += texts.size();
        }
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (sink == 42) {
            System.out.print("");
        }
        return answers / cpuSeconds;
    }
}
