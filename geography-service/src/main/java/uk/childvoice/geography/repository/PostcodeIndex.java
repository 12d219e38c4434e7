package uk.childvoice.geography.repository;

import java.util.Arrays;
import java.util.Objects;

/**
 * The postcode directory held in memory: sorted packed postcode keys ({@link PostcodeKey}) and, for
 * each, an {@code int} pointing into a shared table of {@link Area}s, with the top bit marking a
 * terminated postcode. 2.7 M postcodes take about 33 MB (8 + 4 bytes each) and a lookup is a binary
 * search over a primitive array: pure CPU, no allocation, safe on the event loop. Immutable and
 * thread-safe; a new directory edition is a new instance swapped in whole.
 */
public final class PostcodeIndex {
    static final int TERMINATED_BIT = 0x8000_0000;
    static final int AREA_MASK = 0x7FFF_FFFF;

    private final long[] keys;
    private final int[] entries;
    private final Area[] areas;
    private final IndexMetadata metadata;

    PostcodeIndex(long[] keys, int[] entries, Area[] areas, IndexMetadata metadata) {
        if (keys.length != entries.length) {
            throw new IllegalArgumentException("keys and entries differ in length");
        }
        this.keys = keys;
        this.entries = entries;
        this.areas = areas;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /** Position of a packed key, or a negative number if the directory does not have it. */
    public int find(long key) {
        return key == PostcodeKey.NONE ? -1 : Arrays.binarySearch(keys, key);
    }

    public Area areaAt(int position) {
        return areas[entries[position] & AREA_MASK];
    }

    public boolean terminatedAt(int position) {
        return (entries[position] & TERMINATED_BIT) != 0;
    }

    public long keyAt(int position) {
        return keys[position];
    }

    public int size() {
        return keys.length;
    }

    public int areaCount() {
        return areas.length;
    }

    public Area area(int index) {
        return areas[index];
    }

    public IndexMetadata metadata() {
        return metadata;
    }

    /** Bytes of heap the key and entry arrays take (the areas add a few MB at most). */
    public long arrayBytes() {
        return 8L * keys.length + 4L * entries.length;
    }

    // Package-private views for the snapshot writer.
    long[] keys() {
        return keys;
    }

    int[] entries() {
        return entries;
    }

    Area[] areas() {
        return areas;
    }
}
