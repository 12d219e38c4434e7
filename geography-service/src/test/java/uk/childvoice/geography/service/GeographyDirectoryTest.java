package uk.childvoice.geography.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.IndexSnapshot;
import uk.childvoice.geography.support.SampleIndex;
import uk.childvoice.geography.support.TestConfig;

/** Start from directory or snapshot, and swap a new edition in while lookups keep running. */
class GeographyDirectoryTest {
    private static final String AUG2024 = "data/geography/onspd_format_fixtures/onspd_aug2024_4rows.csv";

    @Test
    void withoutSettingsServesTheBundledSample() {
        GeographyDirectory directory = new GeographyDirectory(TestConfig.bundled());
        directory.loadAtStart();
        assertThat(directory.loaded().source()).isEqualTo("bundled sample");
        assertThat(directory.index().size()).isEqualTo(123_018);
        assertThat(directory.index().metadata().directoryEdition()).isEqualTo("NSPL-2021-11");
        assertThat(directory.reloadIfChanged()).isFalse();
    }

    @Test
    void buildsFromTheDirectoryFileWritesTheSnapshotAndStartsFromItNextTime(@TempDir Path dir) throws IOException {
        // given a directory file named as ONS names them, and a snapshot path
        Path csv = copy(AUG2024, dir.resolve("ONSPD_AUG_2024_UK.csv"));
        Path snapshot = dir.resolve("postcodes.idx");
        TestConfig config = new TestConfig(Optional.of(csv), Optional.empty(), Optional.of(snapshot));

        // when the first pod starts
        GeographyDirectory first = new GeographyDirectory(config);
        first.loadAtStart();

        // then it parsed the directory and left a snapshot
        assertThat(first.loaded().source()).isEqualTo("directory");
        assertThat(first.index().metadata().directoryEdition()).isEqualTo("ONSPD-2024-08");
        assertThat(snapshot).exists();

        // and the next pod starts from the snapshot
        GeographyDirectory second = new GeographyDirectory(config);
        second.loadAtStart();
        assertThat(second.loaded().source()).isEqualTo("snapshot");
        assertThat(second.index().metadata().directoryEdition()).isEqualTo("ONSPD-2024-08");
        assertThat(second.index().size()).isEqualTo(4);
    }

    @Test
    void swapsInANewSnapshotWithoutDroppingLookups(@TempDir Path dir) throws Exception {
        // given a service running on the August 2024 fixture from a snapshot
        Path snapshot = dir.resolve("postcodes.idx");
        GeographyDirectory directory = runningOnAug2024Snapshot(snapshot);
        PostcodeLookupService lookups = new PostcodeLookupService(directory,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThat(lookups.lookup("SM3 8JD").status()).isEqualTo(GeographyStatus.NOT_FOUND);

        // while lookups of St Albans (in this edition, not in the next) run on another thread
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger backwards = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Thread traffic = new Thread(() -> {
            boolean sawNew = false;
            while (!stop.get()) {
                try {
                    GeographyStatus s = lookups.lookup("AL1 1AA").status();
                    if (s == GeographyStatus.NOT_FOUND) {
                        sawNew = true;
                    } else if (s != GeographyStatus.TERMINATED || sawNew) {
                        backwards.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
                done.incrementAndGet();
            }
        });
        traffic.start();
        Awaitility.await().until(() -> done.get() > 1_000);

        // when a new edition is moved into place and the periodic check runs
        Path next = dir.resolve("next.idx");
        IndexSnapshot.write(SampleIndex.nspl(), next);
        Files.move(next, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        boolean swapped = directory.reloadIfChanged();
        int atSwap = done.get();
        Awaitility.await().until(() -> done.get() > atSwap + 1_000);
        stop.set(true);
        traffic.join();

        // then the service answers from the new edition, every lookup got an answer, and none went back
        assertThat(swapped).isTrue();
        assertThat(directory.index().metadata().directoryEdition()).isEqualTo("NSPL-2021-11");
        assertThat(lookups.lookup("SM3 8JD").status()).isEqualTo(GeographyStatus.OK);
        assertThat(lookups.lookup("AL1 1AA").status()).isEqualTo(GeographyStatus.NOT_FOUND);
        assertThat(errors.get()).isZero();
        assertThat(backwards.get()).isZero();
        assertThat(directory.reloadIfChanged()).as("same file again").isFalse();
    }

    @Test
    void keepsTheCurrentEditionWhenTheNewFileIsBad(@TempDir Path dir) throws IOException {
        Path snapshot = dir.resolve("postcodes.idx");
        GeographyDirectory directory = runningOnAug2024Snapshot(snapshot);

        Files.writeString(snapshot, "half a file");

        assertThat(directory.reloadIfChanged()).isFalse();
        assertThat(directory.index().metadata().directoryEdition()).isEqualTo("ONSPD-2024-08");
        assertThat(directory.index().size()).isEqualTo(4);
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = SampleIndex.resource(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** A directory started from a snapshot of the August 2024 fixture, written ten minutes ago. */
    private static GeographyDirectory runningOnAug2024Snapshot(Path snapshot) throws IOException {
        IndexSnapshot.write(SampleIndex.load(AUG2024, "ONSPD-2024-08"), snapshot);
        Files.setLastModifiedTime(snapshot, FileTime.from(Instant.now().minusSeconds(600)));
        GeographyDirectory directory = new GeographyDirectory(new TestConfig(Optional.empty(), Optional.empty(),
                Optional.of(snapshot)));
        directory.loadAtStart();
        return directory;
    }
}
