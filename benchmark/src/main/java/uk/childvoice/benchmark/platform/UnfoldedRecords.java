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
public final class UnfoldedRecords {
    private final long atStart;
    private final long storedAtStart;
    private final long foldedAtStart;

    UnfoldedRecords(long atStart, long storedAtStart, long foldedAtStart) {
        this.atStart = atStart;
        this.storedAtStart = storedAtStart;
        this.foldedAtStart = foldedAtStart;
    }

    /**
     * The exact count between two readings of the counters that agree on the records folded (a fold that
     * ends between them is counted once, by the next reading); at most five tries, then the last.
     *
     * @param storedAndFolded the reporting service's records stored and records folded, in that order
     */
    public static UnfoldedRecords start(Supplier<long[]> storedAndFolded, LongSupplier exactCount) {
        long[] first = storedAndFolded.get();
        long exact = exactCount.getAsLong();
        for (int attempt = 1; attempt < 5; attempt++) {
            long[] second = storedAndFolded.get();
            if (second[1] == first[1]) {
                break;
            }
            first = second;
            exact = exactCount.getAsLong();
        }
        return new UnfoldedRecords(exact, first[0], first[1]);
    }

    /** Unfolded records now, from a reading of the same counters. */
    public long now(long[] storedAndFolded) {
        return Math.max(0, atStart + (storedAndFolded[0] - storedAtStart) - (storedAndFolded[1] - foldedAtStart));
    }
}
