package uk.childvoice.benchmark.platform;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How many stored records the cubes in PostgreSQL do not hold yet, followed through the replay from the
 * reporting service's own counters: one exact count at the start ({@link ReportingDatabase#unfolded}),
 * then {@code + stored − folded} since. Why not the exact count every few seconds, as the progress lines
 * once did: that count visits every unfolded record's heap tuple (150-320 ms a call with 40,000 of them
 * on the loaded machine, 3.1 s of PostgreSQL's time over 21 calls), work the benchmark charged to the
 * reporting database it measures. Exact while one reporting instance runs and retention does not; the
 * replay ends on the exact count.
 */
public record UnfoldedRecords(long atStart, Counters countersAtStart) {
    /** The reporting service's records stored and records folded into the stored cubes, read from one scrape. */
    public record Counters(long stored, long folded) {
    }

    /**
     * The exact count between two readings of the counters that agree on the records folded (a fold that
     * ends between them is counted once, by the next reading); at most five tries, then the last.
     */
    public static UnfoldedRecords start(Supplier<Counters> counters, LongSupplier exactCount) {
        Counters first = counters.get();
        long exact = exactCount.getAsLong();
        for (int attempt = 1; attempt < 5; attempt++) {
            Counters second = counters.get();
            if (second.folded() == first.folded()) {
                break;
            }
            first = second;
            exact = exactCount.getAsLong();
        }
        return new UnfoldedRecords(exact, first);
    }

    /** Unfolded records now, from a reading of the same counters. */
    public long now(Counters counters) {
        return Math.max(0, atStart + (counters.stored() - countersAtStart.stored()) - (counters.folded() - countersAtStart.folded()));
    }
}
