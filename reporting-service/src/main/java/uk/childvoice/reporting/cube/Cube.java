package uk.childvoice.reporting.cube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory copy of one pre-aggregated cube (dimension values → record count, Σ record keys),
 * dictionary-encoded and columnar so that any roll-up of a few million cells takes milliseconds. The
 * database is the source of truth; this copy is refreshed from it. Thread-safe.
 */
public final class Cube {
    private final int dimensions;
    private final List<Map<String, Integer>> codeOf = new ArrayList<>();
    private final List<List<String>> valueOf = new ArrayList<>();
    /**
     * Open-addressing index from a cell's dictionary codes to its slot (slot + 1; 0 = empty), probed
     * linearly and compared against the columnar codes. Not a HashMap of cell objects: that was about
     * 120 bytes per cell on top of the cell itself, and a national choice cube has millions of cells.
     */
    private int[] index = new int[2048];
    /**
     * Per dimension, each cell's dictionary code as an unsigned 16-bit value (a dimension has at most
     * {@value #MAX_VALUES} values; the largest, local authority, has about 330), and per cell the count
     * (an int: a national collection is millions of records) and the key sum: 28 bytes for a cell of
     * eight dimensions, where ints and longs took 48.
     */
    private char[][] codes;
    private int[] counts;
    private long[] keySums;
    static final int MAX_VALUES = 65_535;
    private int size;
    /** Per dimension and dictionary code, the total count: which values are present, without a scan. */
    private final List<long[]> valueTotals = new ArrayList<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public Cube(int dimensions) {
        this.dimensions = dimensions;
        for (int d = 0; d < dimensions; d++) {
            codeOf.add(new HashMap<>());
            valueOf.add(new ArrayList<>());
            valueTotals.add(new long[16]);
        }
        codes = new char[dimensions][1024];
        counts = new int[1024];
        keySums = new long[1024];
    }

    public int dimensions() {
        return dimensions;
    }

    /** Number of cells held (including cells whose count fell back to zero). */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets a cell to the absolute values read from the database. */
    public void set(String[] cell, long count, long keySum) {
        lock.writeLock().lock();
        try {
            int slot = slot(cell);
            addToTotals(slot, count - counts[slot]);
            counts[slot] = Math.toIntExact(count);
            keySums[slot] = keySum;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds to a cell (used by the benchmark and tests to populate a cube without a database). */
    public void add(String[] cell, long count, long keySum) {
        lock.writeLock().lock();
        try {
            int slot = slot(cell);
            addToTotals(slot, count);
            counts[slot] = Math.toIntExact(counts[slot] + count);
            keySums[slot] += keySum;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addToTotals(int slot, long delta) {
        for (int d = 0; d < dimensions; d++) {
            int code = codes[d][slot];
            long[] totals = valueTotals.get(d);
            if (code >= totals.length) {
                totals = Arrays.copyOf(totals, Math.max(code + 1, totals.length * 2));
                valueTotals.set(d, totals);
            }
            totals[code] += delta;
        }
    }

    /** The values of a dimension that at least one record currently has (no scan of the cells). */
    public List<String> presentValues(int dimension) {
        lock.readLock().lock();
        try {
            List<String> present = new ArrayList<>();
            long[] totals = valueTotals.get(dimension);
            List<String> values = valueOf.get(dimension);
            for (int code = 0; code < values.size(); code++) {
                if (code < totals.length && totals[code] > 0) {
                    present.add(values.get(code));
                }
            }
            return present;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int slot(String[] cell) {
        if (cell.length != dimensions) {
            throw new IllegalArgumentException("cell has " + cell.length + " values, cube has " + dimensions + " dimensions");
        }
        int[] ids = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            Map<String, Integer> dict = codeOf.get(d);
            Integer id = dict.get(cell[d]);
            if (id == null) {
                if (dict.size() == MAX_VALUES) {
                    throw new IllegalStateException("dimension " + d + " already has " + MAX_VALUES + " values");
                }
                id = dict.size();
                dict.put(cell[d], id);
                valueOf.get(d).add(cell[d]);
            }
            ids[d] = id;
        }
        int mask = index.length - 1;
        int i = hash(ids) & mask;
        for (int entry = index[i]; entry != 0; i = (i + 1) & mask, entry = index[i]) {
            if (sameCodes(entry - 1, ids)) {
                return entry - 1;
            }
        }
        if (size == counts.length) {
            int capacity = size + (size >> 1);
            for (int d = 0; d < dimensions; d++) {
                codes[d] = Arrays.copyOf(codes[d], capacity);
            }
            counts = Arrays.copyOf(counts, capacity);
            keySums = Arrays.copyOf(keySums, capacity);
        }
        for (int d = 0; d < dimensions; d++) {
            codes[d][size] = (char) ids[d];
        }
        index[i] = size + 1;
        size++;
        if (size * 2 > index.length) {
            rehash(index.length * 2);
        }
        return size - 1;
    }

    private boolean sameCodes(int slot, int[] ids) {
        for (int d = 0; d < dimensions; d++) {
            if (codes[d][slot] != ids[d]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int length) {
        int[] grown = new int[length];
        int mask = length - 1;
        int[] ids = new int[dimensions];
        for (int slot = 0; slot < size; slot++) {
            for (int d = 0; d < dimensions; d++) {
                ids[d] = codes[d][slot];
            }
            int i = hash(ids) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = slot + 1;
        }
        index = grown;
    }

    // Not Arrays.hashCode: it is linear in small dictionary ids, so cells like (3, 0, ...) and (2, 31, ...)
    // collide. Each id is mixed through a 64-bit odd multiplier.
    private static int hash(int[] ids) {
        long h = 0;
        for (int id : ids) {
            h = (h + id + 1) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    /** Visits the cells in slots {@code [from, to)} (of {@link #size()}): their values, count and key sum. */
    public void forEach(int from, int to, CellVisitor visitor) {
        lock.readLock().lock();
        try {
            for (int slot = from; slot < Math.min(to, size); slot++) {
                String[] cell = new String[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    cell[d] = valueOf.get(d).get(codes[d][slot]);
                }
                visitor.accept(cell, counts[slot], keySums[slot]);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What {@link #forEach} hands each cell to. */
    @FunctionalInterface
    public interface CellVisitor {
        void accept(String[] cell, long count, long keySum);
    }

    /** Every value a dimension has taken in any cell, in first-seen order. */
    public List<String> values(int dimension) {
        lock.readLock().lock();
        try {
            return List.copyOf(valueOf.get(dimension));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Rolls the cube up to (rowDimension × columnDimension) over the cells that pass the filters.
     *
     * @param columnDimension -1 for a one-way table
     * @param filters per dimension the allowed values, or null for no restriction
     */
    public RollUp rollUp(int rowDimension, int columnDimension, List<java.util.Set<String>> filters) {
        lock.readLock().lock();
        try {
            List<String> rowValues = List.copyOf(valueOf.get(rowDimension));
            List<String> columnValues = columnDimension < 0 ? List.of("") : List.copyOf(valueOf.get(columnDimension));
            int columnCount = columnValues.size();
            long[] n = new long[rowValues.size() * columnCount];
            long[] s = new long[n.length];
            // Precompute, per filtered dimension, which dictionary codes pass.
            List<char[]> filterDims = new ArrayList<>();
            List<boolean[]> allowed = new ArrayList<>();
            for (int d = 0; d < dimensions; d++) {
                java.util.Set<String> wanted = filters == null ? null : filters.get(d);
                if (wanted == null) {
                    continue;
                }
                boolean[] pass = new boolean[valueOf.get(d).size()];
                for (String value : wanted) {
                    Integer code = codeOf.get(d).get(value);
                    if (code != null) {
                        pass[code] = true;
                    }
                }
                filterDims.add(codes[d]);
                allowed.add(pass);
            }
            char[][] fd = filterDims.toArray(new char[0][]);
            boolean[][] fa = allowed.toArray(new boolean[0][]);
            char[] rowCodes = codes[rowDimension];
            char[] columnCodes = columnDimension < 0 ? null : codes[columnDimension];
            outer:
            for (int i = 0; i < size; i++) {
                for (int f = 0; f < fd.length; f++) {
                    if (!fa[f][fd[f][i]]) {
                        continue outer;
                    }
                }
                int target = rowCodes[i] * columnCount + (columnCodes == null ? 0 : columnCodes[i]);
                n[target] += counts[i];
                s[target] += keySums[i];
            }
            return new RollUp(rowValues, columnDimension < 0 ? List.of() : columnValues, n, s);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The roll-up of a cube: counts and key sums indexed [row * columns + column]. */
    public record RollUp(List<String> rowValues, List<String> columnValues, long[] counts, long[] keySums) {
        public int columns() {
            return Math.max(1, columnValues.size());
        }

        public long count(int row, int column) {
            return counts[row * columns() + column];
        }

        public long keySum(int row, int column) {
            return keySums[row * columns() + column];
        }
    }
}
