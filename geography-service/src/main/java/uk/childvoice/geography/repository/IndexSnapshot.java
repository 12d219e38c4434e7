package uk.childvoice.geography.repository;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A versioned binary file holding a whole {@link PostcodeIndex}, so that a pod starts in about a second
 * instead of re-parsing 2.7 M CSV rows. Layout (big-endian): magic {@code CVGEOIDX}, format version,
 * directory edition, layout, IMD editions, build time, parser counts, the area table, the sorted keys,
 * the entries, and a CRC-32 of everything before it. A file of another format version or with a bad
 * checksum is refused. Written to a temporary file and moved into place atomically, so a reader never
 * sees half a snapshot.
 */
public final class IndexSnapshot {
    /** Bump when the layout changes; readers refuse other versions rather than guess. */
    public static final int FORMAT_VERSION = 1;
    private static final long MAGIC = 0x4356_4745_4F49_4458L; // "CVGEOIDX"

    private IndexSnapshot() {
    }

    public static void write(PostcodeIndex index, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                write(index, os);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(PostcodeIndex index, OutputStream os) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), crc));
        IndexMetadata m = index.metadata();
        out.writeLong(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(m.directoryEdition());
        out.writeUTF(m.layout());
        out.writeInt(m.imdEditions().size());
        for (String e : m.imdEditions()) {
            out.writeUTF(e);
        }
        out.writeLong(m.builtAt().toEpochMilli());
        out.writeInt(m.rowsRead());
        out.writeInt(m.rowsSkipped());
        out.writeInt(m.duplicates());
        Area[] areas = index.areas();
        out.writeInt(areas.length);
        for (Area a : areas) {
            out.writeByte(a.kind().ordinal());
            writeNullable(out, a.lsoa());
            writeNullable(out, a.lsoaEdition());
            writeNullable(out, a.lad());
            writeNullable(out, a.ladName());
            writeNullable(out, a.region());
            writeNullable(out, a.country());
            out.writeByte(a.imdDecile());
            writeNullable(out, a.imdEdition());
        }
        long[] keys = index.keys();
        int[] entries = index.entries();
        out.writeInt(keys.length);
        writeLongs(out, keys);
        writeInts(out, entries);
        out.flush();
        long checksum = crc.getValue();
        out.writeLong(checksum);
        out.flush();
    }

    public static PostcodeIndex read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static PostcodeIndex read(InputStream is) throws IOException {
        CRC32 crc = new CRC32();
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(is, 1 << 16), crc);
        DataInputStream in = new DataInputStream(checked);
        if (in.readLong() != MAGIC) {
            throw new IOException("not a postcode index snapshot");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("snapshot format version " + version + " is not " + FORMAT_VERSION + "; rebuild it");
        }
        String edition = in.readUTF();
        String layout = in.readUTF();
        int editionCount = in.readInt();
        List<String> imdEditions = new ArrayList<>();
        for (int i = 0; i < editionCount; i++) {
            imdEditions.add(in.readUTF());
        }
        Instant builtAt = Instant.ofEpochMilli(in.readLong());
        int rowsRead = in.readInt();
        int rowsSkipped = in.readInt();
        int duplicates = in.readInt();
        int areaCount = in.readInt();
        Area.Kind[] kinds = Area.Kind.values();
        Area[] areas = new Area[areaCount];
        for (int i = 0; i < areaCount; i++) {
            Area.Kind kind = kinds[in.readByte()];
            areas[i] = new Area(kind, readNullable(in), readNullable(in), readNullable(in), readNullable(in),
                    readNullable(in), readNullable(in), in.readByte(), readNullable(in));
        }
        int n = in.readInt();
        long[] keys = new long[n];
        int[] entries = new int[n];
        readLongs(in, keys);
        readInts(in, entries);
        for (int i = 0; i < n; i++) {
            if ((entries[i] & PostcodeIndex.AREA_MASK) >= areaCount) {
                throw new IOException("snapshot entry points outside the area table");
            }
            if (i > 0 && keys[i] <= keys[i - 1]) {
                throw new IOException("snapshot keys are not sorted");
            }
        }
        long expected = crc.getValue();
        long stored = in.readLong();
        if (stored != expected) {
            throw new IOException("snapshot checksum mismatch (truncated or corrupt file)");
        }
        return new PostcodeIndex(keys, entries, areas,
                new IndexMetadata(edition, layout, imdEditions, builtAt, rowsRead, rowsSkipped, duplicates));
    }

    // The arrays move in 64 KB chunks through a ByteBuffer: a DataStream call per element is ~5x slower.
    private static final int CHUNK = 1 << 16;

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int i = 0; i < values.length; ) {
            buffer.clear();
            int count = Math.min(CHUNK / 8, values.length - i);
            buffer.asLongBuffer().put(values, i, count);
            out.write(buffer.array(), 0, count * 8);
            i += count;
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int i = 0; i < values.length; ) {
            buffer.clear();
            int count = Math.min(CHUNK / 4, values.length - i);
            buffer.asIntBuffer().put(values, i, count);
            out.write(buffer.array(), 0, count * 4);
            i += count;
        }
    }

    private static void readLongs(DataInputStream in, long[] values) throws IOException {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < values.length; ) {
            int count = Math.min(CHUNK / 8, values.length - i);
            in.readFully(bytes, 0, count * 8);
            ByteBuffer.wrap(bytes, 0, count * 8).asLongBuffer().get(values, i, count);
            i += count;
        }
    }

    private static void readInts(DataInputStream in, int[] values) throws IOException {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < values.length; ) {
            int count = Math.min(CHUNK / 4, values.length - i);
            in.readFully(bytes, 0, count * 4);
            ByteBuffer.wrap(bytes, 0, count * 4).asIntBuffer().get(values, i, count);
            i += count;
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
