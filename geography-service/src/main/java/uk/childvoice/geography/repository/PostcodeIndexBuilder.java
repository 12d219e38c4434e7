package uk.childvoice.geography.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects directory rows and builds a {@link PostcodeIndex}. Areas are interned (one instance per
 * distinct area). Rows are packed as {@code key << 22 | terminated << 21 | area} in one {@code long[]},
 * so a single primitive sort orders 2.7 M rows without boxing; then split into keys and entries.
 * Not thread-safe.
 */
public final class PostcodeIndexBuilder {
    private static final int AREA_BITS = 21;
    private static final int MAX_AREAS = 1 << AREA_BITS;

    private final Map<Area, Integer> areaIds = new HashMap<>();
    private final List<Area> areas = new ArrayList<>();
    private final TreeSet<String> imdEditions = new TreeSet<>();
    private long[] rows = new long[1 << 16];
    private int size;
    private int rowsRead;
    private int rowsSkipped;

    /** Adds one postcode; returns false (and counts it skipped) if the postcode cannot be packed. */
    public boolean add(String postcode, Area area, boolean terminated) {
        rowsRead++;
        long key = PostcodeKey.pack(PostcodeKey.compact(postcode));
        if (key == PostcodeKey.NONE) {
            rowsSkipped++;
            return false;
        }
        int areaId = areaIds.computeIfAbsent(area, a -> {
            if (areas.size() == MAX_AREAS) {
                throw new IllegalStateException("more than " + MAX_AREAS + " distinct areas");
            }
            areas.add(a);
            return areas.size() - 1;
        });
        if (area.imdEdition() != null) {
            imdEditions.add(area.imdEdition());
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, rows.length + (rows.length >> 1));
        }
        rows[size++] = (key << (AREA_BITS + 1)) | (terminated ? 1L << AREA_BITS : 0) | areaId;
        return true;
    }

    public int rowsRead() {
        return rowsRead;
    }

    public PostcodeIndex build(String directoryEdition, String layout) {
        long[] sorted = Arrays.copyOf(rows, size);
        // The 42-bit key shifted by 22 can reach the sign bit: flip it so a signed sort is an unsigned one.
        for (int i = 0; i < size; i++) {
            sorted[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(sorted);
        long[] keys = new long[size];
        int[] entries = new int[size];
        int n = 0;
        int duplicates = 0;
        for (long flipped : sorted) {
            long row = flipped ^ Long.MIN_VALUE;
            long key = row >>> (AREA_BITS + 1);
            int areaId = (int) (row & (MAX_AREAS - 1));
            boolean terminated = (row & (1L << AREA_BITS)) != 0;
            if (n > 0 && keys[n - 1] == key) {
                // A postcode listed twice: the live row wins (terminated sorts after live for the same key).
                duplicates++;
                continue;
            }
            keys[n] = key;
            entries[n] = areaId | (terminated ? PostcodeIndex.TERMINATED_BIT : 0);
            n++;
        }
        IndexMetadata metadata = new IndexMetadata(directoryEdition, layout, new ArrayList<>(imdEditions),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), rowsRead, rowsSkipped, duplicates);
        return new PostcodeIndex(Arrays.copyOf(keys, n), Arrays.copyOf(entries, n), areas.toArray(Area[]::new), metadata);
    }
}
