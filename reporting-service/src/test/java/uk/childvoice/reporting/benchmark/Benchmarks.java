package uk.childvoice.reporting.benchmark;

/**
 * The module's benchmarks, in the order {@code ./benchmark.sh components} prints them: disclosure-
 * controlled tables over a 12-million-record cube, ingestion into PostgreSQL, then the in-memory cube
 * work per record.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        TableBenchmark.main(args);
        IngestBenchmark.run(Integer.getInteger("benchmark.ingest.records", 200_000));
        CubeBenchmark.run(Integer.getInteger("benchmark.cube.records", 600_000));
        System.exit(0);
    }
}
