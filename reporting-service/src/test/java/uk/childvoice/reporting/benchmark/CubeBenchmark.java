package uk.childvoice.reporting.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.repository.RecordCubes;
import uk.childvoice.reporting.repository.ResponseRecord;

/**
 * The reporting service's in-memory cube work per record, without the database: what
 * {@code CubeIndex} does with each second's newly stored records. Each second's records (2,000 a
 * second, the Big Ask replay's rate; {@code -Dbenchmark.cube.per-second}) are summed into small cubes
 * (emptied and reused each second), which are then added to the live cubes and to the sums kept for the
 * next fold (started afresh every 30 seconds, the fold interval). Prints the time per record of each step
 * (one thread) and the cells involved.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl reporting-service -Pbenchmark test-compile exec:exec
 * -Dbenchmark.main=uk.childvoice.reporting.benchmark.CubeBenchmark} (optional
 * {@code -Dbenchmark.cube.records=600000}, {@code -Dbenchmark.cube.per-second=2000}). {@code ./benchmark.sh
 * components} runs it after the table and ingestion benchmarks.
 */
public final class CubeBenchmark {
    private static final int PER_SECOND = Integer.getInteger("benchmark.cube.per-second", 2_000);
    private static final int FOLD_SECONDS = 30;

    private CubeBenchmark() {
    }

    public static void main(String[] args) {
        run(Integer.getInteger("benchmark.cube.records", 600_000));
        System.exit(0);
    }

    static void run(int records) {
        SplittableRandom random = new SplittableRandom(2021);
        List<ResponseRecord> all = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            all.add(RecordMapper.map(IngestBenchmark.event(random), 4096));
        }
        // Twice: the first pass warms the JIT up; the second is reported.
        for (int pass = 0; pass < 2; pass++) {
            RecordCubes live = RecordCubes.empty();
            RecordCubes unfolded = RecordCubes.forSums();
            long summing = 0;
            long toLive = 0;
            long toUnfolded = 0;
            long secondCells = 0;
            long unfoldedCells = 0;
            int seconds = 0;
            RecordCubes second = RecordCubes.forSums();
            for (int from = 0; from < records; from += PER_SECOND) {
                long t0 = System.nanoTime();
                second.clear();
                for (ResponseRecord r : all.subList(from, Math.min(records, from + PER_SECOND))) {
                    second.add(r);
                }
                long t1 = System.nanoTime();
                live.addAll(second);
                long t2 = System.nanoTime();
                if (seconds % FOLD_SECONDS == 0) {
                    unfoldedCells += unfolded.cells();
                    unfolded = RecordCubes.forSums();
                }
                unfolded.addAll(second);
                long t3 = System.nanoTime();
                summing += t1 - t0;
                toLive += t2 - t1;
                toUnfolded += t3 - t2;
                secondCells += second.cells();
                seconds++;
            }
            if (pass == 1) {
                System.out.printf("cubes in memory: %,d records in %,d seconds of %,d; µs a record: summing a second's %.2f, "
                        + "adding them to the live cubes %.2f, to the sums for the next fold %.2f; all %.2f%n", records, seconds, PER_SECOND,
                        summing / 1e3 / records, toLive / 1e3 / records, toUnfolded / 1e3 / records,
                        (summing + toLive + toUnfolded) / 1e3 / records);
                System.out.printf("cells: a second's cubes %,d on average; the live cubes %,d (record %,d, choice %,d, pair %,d); "
                        + "the sums for a fold %,d on average%n", secondCells / seconds, live.cells(), live.records().size(),
                        live.choices().size(), live.pairs().size(), unfoldedCells / Math.max(1, seconds / FOLD_SECONDS));
            }
        }
    }
}
