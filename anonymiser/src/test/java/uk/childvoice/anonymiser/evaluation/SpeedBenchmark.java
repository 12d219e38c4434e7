package uk.childvoice.anonymiser.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;

/**
 * Answers per CPU-second through the default pipeline (safeguarding check plus scrub) on one thread, over
 * the child-style gold texts and the Presidio sentences, after a warm-up. Printed, never asserted.
 */
public final class SpeedBenchmark {
    private SpeedBenchmark() {
    }

    public static void main(String[] args) {
        FreeTextScrubber scrubber = new FreeTextScrubber(Lexicon.load());
        SafeguardingDetector safeguarding = SafeguardingDetector.load();
        List<String> texts = new ArrayList<>();
        for (GoldExample g : GoldExample.readJsonl("eval/child-style/child-style.jsonl")) {
            texts.add(g.text());
        }
        for (GoldExample g : GoldExample.readJsonl("eval/presidio-research/synth_dataset_v2.jsonl")) {
            texts.add(g.text());
        }
        long chars = texts.stream().mapToLong(String::length).sum();
        int sink = 0;
        long warmUpEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            for (String t : texts) {
                sink += scrubber.scrub(t).entities().size() + (safeguarding.assess(t).flag() ? 1 : 0);
            }
        }
        // CPU time of this thread, not wall time: the build machine is shared, and the question is what one core does.
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 0;
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long stop = start + 10_000_000_000L;
        while (System.nanoTime() < stop) {
            for (String t : texts) {
                sink += scrubber.scrub(t).entities().size() + (safeguarding.assess(t).flag() ? 1 : 0);
            }
            rounds++;
        }
        double seconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double perSecond = rounds * texts.size() / seconds;
        System.out.printf(Locale.ROOT, "%n### Speed (one thread, %s)%n%n| answers | mean length (chars) | answers per CPU-second | CPU µs/answer |%n"
                + "|---:|---:|---:|---:|%n| %d | %d | %.0f | %.1f |%n(checksum %d)%n", Runtime.version(), texts.size(),
                chars / texts.size(), perSecond, 1e6 / perSecond, sink);
    }
}
