package uk.childvoice.geography.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.childvoice.geography.support.SampleIndex;

class IndexSnapshotTest {

    @Test
    void snapshotHoldsTheWholeIndexAndItsEditions(@TempDir Path dir) throws IOException {
        // given the NSPL sample index
        PostcodeIndex original = SampleIndex.nspl();
        Path file = dir.resolve("postcodes.idx");

        // when written and read back
        IndexSnapshot.write(original, file);
        PostcodeIndex copy = IndexSnapshot.read(file);

        // then every postcode points to an equal area with the same status, and the editions survive
        assertThat(copy.size()).isEqualTo(original.size());
        assertThat(copy.areaCount()).isEqualTo(original.areaCount());
        for (int i = 0; i < original.size(); i++) {
            assertThat(copy.keyAt(i)).isEqualTo(original.keyAt(i));
            assertThat(copy.areaAt(i)).isEqualTo(original.areaAt(i));
            assertThat(copy.terminatedAt(i)).isEqualTo(original.terminatedAt(i));
        }
        assertThat(copy.metadata()).isEqualTo(original.metadata());
        assertThat(copy.metadata().directoryEdition()).isEqualTo("NSPL-2021-11");
        assertThat(copy.metadata().imdEditions()).containsExactly("IMD2019");
        assertThat(Files.size(file)).isLessThan(3_000_000);
    }

    @Test
    void refusesATruncatedOrCorruptSnapshot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("postcodes.idx");
        IndexSnapshot.write(SampleIndex.nspl(), file);
        byte[] bytes = Files.readAllBytes(file);

        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> IndexSnapshot.read(file)).isInstanceOf(IOException.class)
                .hasMessageMatching(".*(checksum|not sorted|outside the area table).*");

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> IndexSnapshot.read(file)).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAnotherFormatVersion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("postcodes.idx");
        IndexSnapshot.write(SampleIndex.nspl(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 99; // the format version follows the 8-byte magic
        Files.write(file, bytes);
        assertThatThrownBy(() -> IndexSnapshot.read(file)).hasMessageContaining("format version 99");
    }

    @Test
    void refusesAFileThatIsNotASnapshot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("postcodes.idx");
        Files.writeString(file, "pcds,doterm\nSM3 8JD,\n");
        assertThatThrownBy(() -> IndexSnapshot.read(file)).hasMessageContaining("not a postcode index snapshot");
    }
}
