package uk.childvoice.reporting.benchmark;

/**
 * The module's benchmarks, in the order {@code ./benchmark.sh components} prints them: disclosure-
 * controlled tables over a 12-million-record cube, then ingestion into PostgreSQL.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        TableBenchmark.main(args);
        IngestBenchmark.run(Integer.getInteger("benchmark.ingest.records", 200_000));
        System.exit(0);
    }
}
