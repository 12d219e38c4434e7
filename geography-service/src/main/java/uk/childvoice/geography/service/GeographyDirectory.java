package uk.childvoice.geography.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import uk.childvoice.geography.config.GeographyConfig;
import uk.childvoice.geography.repository.DirectoryLoader;
import uk.childvoice.geography.repository.IndexSnapshot;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.ReferenceData;

/**
 * Owns the postcode index the service answers from. At start it loads, in order of preference, the
 * snapshot file, the configured directory file (then writes the snapshot), or the bundled NSPL sample;
 * it logs the validation report. While running it checks the snapshot (or directory) file every
 * {@code geography.snapshot.check-interval} and swaps a new edition in whole: lookups in flight keep
 * the index they started with, so no traffic is dropped and nothing waits.
 */
@Singleton
public class GeographyDirectory {
    private static final Logger LOG = Logger.getLogger(GeographyDirectory.class);
    static final String BUNDLED = "data/geography/nspl_nov2021_sample/nspl_nov2021_uk_20areas.csv.gz";
    static final String BUNDLED_EDITION = "NSPL-2021-11";

    private final GeographyConfig config;
    private final ReferenceData reference;
    private volatile Loaded current;

    /** An index with its report and the file state it was loaded from. */
    public record Loaded(PostcodeIndex index, ValidationReport report, String source, FileTime sourceModified) {
    }

    public GeographyDirectory(GeographyConfig config) {
        this.config = config;
        this.reference = ReferenceData.load();
    }

    /** Loads the first edition; called by CDI before the bean is used (and by unit tests). */
    @PostConstruct
    public void loadAtStart() {
        current = load();
        LOG.info(current.report().summary());
    }

    /** The index in use now; read it once per lookup. */
    public PostcodeIndex index() {
        return current.index();
    }

    public Loaded loaded() {
        return current;
    }

    public ReferenceData reference() {
        return reference;
    }

    @Scheduled(every = "${geography.snapshot.check-interval:60s}", delayed = "${geography.snapshot.check-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForNewEdition() {
        reloadIfChanged();
    }

    /** Loads a new edition if its file changed since the last load. Returns whether it swapped. */
    public synchronized boolean reloadIfChanged() {
        Optional<Path> watched = watchedFile();
        if (watched.isEmpty()) {
            return false;
        }
        FileTime modified = modified(watched.get());
        if (modified == null || Objects.equals(modified, current.sourceModified())) {
            return false;
        }
        try {
            Loaded next = load();
            current = next;
            LOG.infof("swapped in postcode directory %s", next.index().metadata().directoryEdition());
            LOG.info(next.report().summary());
            return true;
        } catch (RuntimeException e) {
            // Keep serving the edition we have; a half-written or bad file must not stop the service.
            LOG.errorf("new postcode directory not loaded, keeping %s: %s",
                    current.index().metadata().directoryEdition(), e.getMessage());
            return false;
        }
    }

    private Optional<Path> watchedFile() {
        return config.snapshot().path().or(() -> config.directory().path());
    }

    private Loaded load() {
        Optional<Path> snapshot = config.snapshot().path();
        Optional<Path> directory = config.directory().path();
        try {
            if (snapshot.isPresent() && Files.exists(snapshot.get()) && !olderThanDirectory(snapshot.get(), directory)) {
                FileTime modified = modified(snapshot.get());
                long started = System.nanoTime();
                PostcodeIndex index = IndexSnapshot.read(snapshot.get());
                LOG.infof("loaded postcode index snapshot %s (%,d postcodes) in %d ms",
                        index.metadata().directoryEdition(), index.size(), (System.nanoTime() - started) / 1_000_000);
                return new Loaded(index, ValidationReport.of(index, reference), "snapshot", modified);
            }
            PostcodeIndex index;
            String source;
            FileTime modified = null;
            long started = System.nanoTime();
            if (directory.isPresent()) {
                Path file = directory.get();
                modified = modified(file);
                String edition = config.directory().edition()
                        .or(() -> Optional.ofNullable(DirectoryLoader.editionFromFileName(file.getFileName().toString())))
                        .orElse("unknown");
                try (InputStream in = Files.newInputStream(file)) {
                    index = new DirectoryLoader(reference).load(in, edition);
                }
                source = "directory";
            } else {
                try (InputStream in = GeographyDirectory.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled postcode sample missing: " + BUNDLED);
                    }
                    index = new DirectoryLoader(reference).load(in, config.directory().edition().orElse(BUNDLED_EDITION));
                }
                source = "bundled sample";
            }
            LOG.infof("built postcode index %s from the %s (%,d postcodes) in %d ms", index.metadata().directoryEdition(),
                    source, index.size(), (System.nanoTime() - started) / 1_000_000);
            if (snapshot.isPresent()) {
                IndexSnapshot.write(index, snapshot.get());
                modified = modified(snapshot.get());
                LOG.infof("wrote postcode index snapshot %s", index.metadata().directoryEdition());
            }
            return new Loaded(index, ValidationReport.of(index, reference), source, modified);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the postcode directory: " + e.getMessage(), e);
        }
    }

    private static boolean olderThanDirectory(Path snapshot, Optional<Path> directory) {
        if (directory.isEmpty() || !Files.exists(directory.get())) {
            return false;
        }
        FileTime s = modified(snapshot);
        FileTime d = modified(directory.get());
        return s != null && d != null && s.compareTo(d) < 0;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
