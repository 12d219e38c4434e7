package uk.childvoice.geography.benchmark;

import java.io.BufferedReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import uk.childvoice.geography.repository.Area;
import uk.childvoice.geography.repository.CsvLine;
import uk.childvoice.geography.repository.DirectoryLoader;
import uk.childvoice.geography.repository.IndexSnapshot;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.PostcodeIndexBuilder;
import uk.childvoice.geography.repository.PostcodeKey;
import uk.childvoice.geography.repository.ReferenceData;
import uk.childvoice.geography.service.PostcodeLookupService;

/**
 * Prints lookups per second on one thread (one core) and the heap the index takes, for 2.7 M synthetic
 * postcodes (the size of a national ONSPD edition) and for the real NSPL sample; plus snapshot write and
 * read times. Run with {@code ./mvnw -B -pl geography-service -Pbenchmark verify}. Numbers are printed,
 * never asserted.
 */
public final class PostcodeIndexBenchmark {
    private static final int SYNTHETIC = 2_700_000;
    private static final int AREAS = 42_000;
    private static final String SAMPLE = "data/geography/nspl_nov2021_sample/nspl_nov2021_uk_20areas.csv.gz";
    private static final String LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static volatile Object sink;

    private PostcodeIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("JVM %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ReferenceData reference = ReferenceData.load();

        // --- 2.7 M synthetic postcodes over 42,000 shared areas ---
        List<String> postcodes = syntheticPostcodes();
        long before = usedHeap();
        PostcodeIndex synthetic = buildSynthetic(postcodes);
        long after = usedHeap();
        sink = synthetic;
        System.out.printf("%nsynthetic: %,d postcodes, %,d areas%n", synthetic.size(), synthetic.areaCount());
        System.out.printf("  heap used by the index: %.1f MB (key+entry arrays %.1f MB)%n",
                (after - before) / 1048576.0, synthetic.arrayBytes() / 1048576.0);
        lookups("synthetic", synthetic, postcodes);

        Path snapshot = Files.createTempFile("postcodes", ".idx");
        try {
            long t0 = System.nanoTime();
            IndexSnapshot.write(synthetic, snapshot);
            long t1 = System.nanoTime();
            PostcodeIndex read = IndexSnapshot.read(snapshot);
            long t2 = System.nanoTime();
            sink = read;
            System.out.printf("  snapshot: %.1f MB, written in %d ms, read (start-up) in %d ms%n",
                    Files.size(snapshot) / 1048576.0, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        } finally {
            Files.deleteIfExists(snapshot);
        }
        synthetic = null;
        sink = null;
        postcodes = null;

        // --- the real NSPL November 2021 sample ---
        List<String> real = new ArrayList<>();
        try (BufferedReader reader = CsvLine.reader(resource(SAMPLE))) {
            int pcds = CsvLine.split(reader.readLine()).indexOf("pcds");
            String[] fields = new String[64];
            String line;
            while ((line = reader.readLine()) != null) {
                CsvLine.split(line, fields);
                real.add(fields[pcds]);
            }
        }
        before = usedHeap();
        long t0 = System.nanoTime();
        PostcodeIndex sample;
        try (InputStream in = resource(SAMPLE)) {
            sample = new DirectoryLoader(reference).load(in, "NSPL-2021-11");
        }
        long t1 = System.nanoTime();
        after = usedHeap();
        System.out.printf("%nNSPL sample: %,d postcodes, %,d areas, parsed and indexed in %d ms%n", sample.size(),
                sample.areaCount(), (t1 - t0) / 1_000_000);
        System.out.printf("  heap used by the index: %.1f MB (key+entry arrays %.1f MB)%n",
                (after - before) / 1048576.0, sample.arrayBytes() / 1048576.0);
        lookups("NSPL sample", sample, real);
    }

    private static void lookups(String label, PostcodeIndex index, List<String> postcodes) {
        List<String> queries = new ArrayList<>(postcodes);
        Collections.shuffle(queries, new Random(42));
        int n = Math.min(1_000_000, queries.size());
        String[] text = queries.subList(0, n).toArray(String[]::new);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = PostcodeKey.pack(PostcodeKey.compact(text[i]));
        }
        // warm up, then measure the best of 5 rounds of at least 2 M lookups each
        double bestFull = 0;
        double bestIndex = 0;
        for (int round = 0; round < 8; round++) {
            int ops = Math.max(2_000_000, n);
            long found = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                if (PostcodeLookupService.lookup(index, text[i % n]).area() != null) {
                    found++;
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                if (index.find(keys[i % n]) >= 0) {
                    found++;
                }
            }
            long t2 = System.nanoTime();
            sink = found;
            if (round >= 3) {
                bestFull = Math.max(bestFull, ops / ((t1 - t0) / 1e9));
                bestIndex = Math.max(bestIndex, ops / ((t2 - t1) / 1e9));
            }
        }
        System.out.printf("  %s, one thread: %,.0f lookups/s from text (normalise + check + pack + search), "
                + "%,.0f lookups/s on packed keys (search only)%n", label, bestFull, bestIndex);
    }

    private static List<String> syntheticPostcodes() {
        // 60,000 outward codes (two letters + district 1-99) × 45 distinct inward codes each = 2.7 M.
        List<String> out = new ArrayList<>(SYNTHETIC);
        int perOutward = 45;
        for (int i = 0; out.size() < SYNTHETIC; i++) {
            int o = i / perOutward;
            String outward = "" + (char) ('A' + (o / 99) / 26 % 26) + (char) ('A' + (o / 99) % 26) + (o % 99 + 1);
            int inward = (i % perOutward) * 97 % 4000;
            out.add(outward + " " + (inward / 400) + LETTERS.charAt(inward / 20 % 20) + LETTERS.charAt(inward % 20));
        }
        return out;
    }

    private static PostcodeIndex buildSynthetic(List<String> postcodes) {
        Area[] areas = new Area[AREAS];
        for (int a = 0; a < AREAS; a++) {
            String lad = String.format("E0%d%06d", 6 + a % 4, a % 296);
            areas[a] = new Area(Area.Kind.ENGLAND, String.format("E01%06d", a), "LSOA2021", lad, "Authority " + a % 296,
                    String.format("E1200000%d", 1 + a % 9), "E92000001", 1 + a % 10, "IoD2025");
        }
        PostcodeIndexBuilder builder = new PostcodeIndexBuilder();
        Random random = new Random(7);
        for (int i = 0; i < postcodes.size(); i++) {
            // neighbouring postcodes share an area, as real ones do
            builder.add(postcodes.get(i), areas[(i / 64 * 7919 + random.nextInt(2)) % AREAS], random.nextInt(100) < 23);
        }
        return builder.build("SYNTHETIC-2.7M", "synthetic");
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100); // let the collector finish; this is a benchmark, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static InputStream resource(String name) {
        return PostcodeIndexBenchmark.class.getClassLoader().getResourceAsStream(name);
    }
}
