package uk.childvoice.reporting.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reporting service, prefix {@code reporting}. */
@ConfigMapping(prefix = "reporting")
public interface ReportingConfig {

    Disclosure disclosure();

    Cube cube();

    FreeText freeText();

    Retention retention();

    Audit audit();

    Ledger ledger();

    /** Statistical disclosure control of every published figure. */
    interface Disclosure {
        /** Classpath resource of the perturbation table, sdcTools interval form or ONS integer form (default D=5, V=3, js=2). */
        @WithDefault("disclosure/ptable_D5_V3_js2.csv")
        String ptable();

        /** Record-key space K: record keys are integers 0..K-1 and cell keys are Σ keys mod K. */
        @WithDefault("4096")
        int keySpace();

        /** Published values below this are suppressed. */
        @WithDefault("10")
        int threshold();

        /**
         * A two-way or filtered table is refused when its published total divided by its number of
         * cells is below this (too sparse for the population it describes).
         */
        @WithDefault("10")
        double minimumMeanCellSize();

        /** A two-way or filtered table is refused when more than this share of its cells is suppressed. */
        @WithDefault("0.5")
        double maximumSuppressedShare();
    }

    /** The cubes: the in-memory copy every table is answered from, and the stored copy it starts from. */
    interface Cube {
        /**
         * How often each instance adds the records stored since its last read (by any instance) to its
         * in-memory cubes, or reads them whole after retention: how far tables may lag the store.
         */
        @WithDefault("1s")
        Duration refreshInterval();

        /**
         * How often an instance folds the records stored since the last fold into the stored cubes (one
         * instance at a time; the others skip). Only how much a starting instance reads besides the
         * stored cubes depends on it, never what a table says. Not every second: each fold appends a row for
         * every cell its records touch, and the records of a second share few cells (about 57 rows a record
         * at the benchmark's rate), those of half a minute many.
         */
        @WithDefault("30s")
        Duration foldInterval();

        /**
         * Records summed in memory at a time by a fold that has fallen behind. 10,000 at a time filled the
         * 256 MB heap in the platform benchmark; 5,000 did too, besides the consumer's batches and the
         * in-memory cubes.
         */
        @WithDefault("1000")
        int foldChunkRecords();

        /** When a fold compacts the stored cubes (rewrites each as one row a cell). */
        Compaction compaction();

        /**
         * A fold compacts the stored cubes once the rows appended since the last compaction are more than
         * {@link #factor()} times those it left (and than {@code factor × minimumRows}). While records
         * arrive fast, it waits for {@link #busyFactor()} times instead: a compaction rewrites every
         * stored cube in one statement each (the heaviest work the service gives PostgreSQL: 25-50 s in
         * the platform benchmark's replay, twice), and the CPU it takes is the CPU storing needs at a
         * peak. Afterwards the first quiet fold compacts. A starting instance reads at most about
         * {@code factor + 1} rows a cell, or {@code busyFactor + 1} at the end of a long peak.
         */
        interface Compaction {
            /** Rows appended since the last compaction, as a multiple of those it left, that make one due. */
            @WithDefault("3")
            int factor();

            /** Cubes smaller than this many rows count as this large: small cubes are not worth compacting. */
            @WithDefault("500000")
            long minimumRows();

            /**
             * A fold of at least this many records means records are arriving fast (the default, at the
             * default 30 s fold interval, is 100 a second; the Big Ask averaged under one a second).
             */
            @WithDefault("3000")
            long busyFoldRecords();

            /** The multiple that makes a compaction due while records arrive fast. */
            @WithDefault("12")
            int busyFactor();
        }
    }

    /** Scrubbed free text for analysts. */
    interface FreeText {
        /** Largest page of answers returned at once. */
        @WithDefault("100")
        int maximumPageSize();
    }

    /** Retention of de-identified records. */
    interface Retention {
        /** The day the collection closed; until it is set, nothing expires. */
        Optional<LocalDate> collectionCloses();

        /** Records are kept this long after the collection closes, unless an extension is recorded. */
        @WithDefault("P2Y")
        Period period();

        /** When the retention job runs (Quartz-style cron). */
        @WithDefault("0 30 2 * * ?")
        String cron();

        /** Records deleted per transaction. */
        @WithDefault("5000")
        int batchSize();
    }

    /** The staff audit log. */
    interface Audit {
        /** Audit entries older than this are deleted by the retention job. */
        @WithDefault("P6Y")
        Period retention();
    }

    /** The reconciliation ledger. */
    interface Ledger {
        /**
         * Prometheus endpoints of the upstream services by stage name, e.g.
         * {@code reporting.ledger.sources.intake=http://127.0.0.1:8081/q/metrics}.
         */
        Map<String, String> sources();

        /** Time allowed for each scrape. */
        @WithDefault("3s")
        Duration timeout();
    }
}
