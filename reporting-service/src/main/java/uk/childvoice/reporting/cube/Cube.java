package uk.childvoice.reporting.cube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

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
     * linearly and compared against the columnar codes, at most three quarters full. Not a HashMap of
     * cell objects: that was about 120 bytes per cell on top of the cell itself, and a national choice
     * cube has millions of cells.
     */
    private int[] index = new int[2048];
    /**
     * The cells' columns, in pages of {@value #PAGE} cells: per dimension each cell's dictionary code in
     * one byte while the dimension has at most 256 values and in two after that ({@code width}; the
     * largest, local authority, has about 330); per cell the count (an int: a national collection is
     * millions of records) and the key sum modulo 2<sup>32</sup> (an int that wraps: the cell key needs
     * the sum only modulo the key space, a power of two that divides 2<sup>32</sup>, and a long took 6 MB
     * more for the 1.5 million cells of the Big Ask replay). A choice cell of eight dimensions takes 16
     * bytes and the index about 8. Pages rather than one array per column, because growing an array of
     * a million cells copies it, and for that moment the old and the new array both fill the heap (which
     * the JVM then keeps, in resident memory).
     */
    private final byte[][][] codes;
    private final int[] width;
    private int[][] counts = new int[0][];
    private int[][] keySums = new int[0][];
    static final int PAGE_BITS = 14;
    static final int PAGE = 1 << PAGE_BITS;
    private static final int IN_PAGE = PAGE - 1;
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
        codes = new byte[dimensions][0][];
        width = new int[dimensions];
        Arrays.fill(width, 1);
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

    /** Adds to a cell. */
    public void add(String[] cell, long count, long keySum) {
        lock.writeLock().lock();
        try {
            addToSlot(slot(cell), count, keySum);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addToSlot(int slot, long count, long keySum) {
        addToTotals(slot, count);
        int[] countPage = counts[slot >>> PAGE_BITS];
        countPage[slot & IN_PAGE] = Math.toIntExact(countPage[slot & IN_PAGE] + count);
        keySums[slot >>> PAGE_BITS][slot & IN_PAGE] += (int) keySum; // wraps: only the sum modulo 2^32 is kept (see the columns)
    }

    private void addToTotals(int slot, long delta) {
        for (int d = 0; d < dimensions; d++) {
            int code = code(d, slot);
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

    /**
     * Runs {@code additions} holding this cube's write lock once, for a caller that adds many cells at a
     * time: one record adds about 40 choice and 350 pair cells. Taking and releasing the lock for each cell
     * was 7% of the reporting service's CPU in a replay (JFR, top of stack: the release's atomic hand-off in
     * {@code AbstractQueuedSynchronizer.signalNext}). The {@link Additions} must not be kept past the call.
     */
    public void addInOneLock(Consumer<Additions> additions) {
        lock.writeLock().lock();
        try {
            additions.accept(new Additions());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Additions by dictionary code, under the lock {@link #addInOneLock} holds. */
    public final class Additions {
        private Additions() {
        }

        /**
         * The dictionary code of a value of a dimension, assigned if the value is new: cells that share
         * values look each value up once, not once per cell.
         */
        public int code(int dimension, String value) {
            return dictionaryCode(dimension, value);
        }

        /** Adds to the cell whose values have these dictionary codes (from {@link #code}). */
        public void add(int[] codes, long count, long keySum) {
            addByCodes(codes, count, keySum);
        }
    }

    private void addByCodes(int[] codes, long count, long keySum) {
        if (codes.length != dimensions) {
            throw new IllegalArgumentException("cell has " + codes.length + " codes, cube has " + dimensions + " dimensions");
        }
        for (int d = 0; d < dimensions; d++) {
            if (codes[d] < 0 || codes[d] >= valueOf.get(d).size()) {
                throw new IllegalArgumentException("no value has code " + codes[d] + " in dimension " + d);
            }
        }
        addToSlot(slot(codes), count, keySum);
    }

    /**
     * Adds every cell of another cube of the same dimensions. Its dictionary codes are translated into
     * this cube's once per value, not looked up again per cell.
     */
    public void addAll(Cube other) {
        if (other.dimensions != dimensions) {
            throw new IllegalArgumentException("cube has " + other.dimensions + " dimensions, this one " + dimensions);
        }
        other.lock.readLock().lock();
        try {
            lock.writeLock().lock();
            try {
                int[][] translated = new int[dimensions][];
                for (int d = 0; d < dimensions; d++) {
                    List<String> values = other.valueOf.get(d);
                    translated[d] = new int[values.size()];
                    for (int code = 0; code < values.size(); code++) {
                        translated[d][code] = dictionaryCode(d, values.get(code));
                    }
                }
                int[] ids = new int[dimensions];
                for (int from = 0; from < other.size; from++) {
                    for (int d = 0; d < dimensions; d++) {
                        ids[d] = translated[d][other.code(d, from)];
                    }
                    addToSlot(slot(ids), other.counts[from >>> PAGE_BITS][from & IN_PAGE],
                            other.keySums[from >>> PAGE_BITS][from & IN_PAGE]);
                }
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            other.lock.readLock().unlock();
        }
    }

    private int slot(String[] cell) {
        if (cell.length != dimensions) {
            throw new IllegalArgumentException("cell has " + cell.length + " values, cube has " + dimensions + " dimensions");
        }
        int[] ids = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            ids[d] = dictionaryCode(d, cell[d]);
        }
        return slot(ids);
    }

    /** The dictionary code of a value of a dimension, assigned if the value is new. */
    private int dictionaryCode(int d, String value) {
        Map<String, Integer> dict = codeOf.get(d);
        Integer id = dict.get(value);
        if (id == null) {
            if (dict.size() == MAX_VALUES) {
                throw new IllegalStateException("dimension " + d + " already has " + MAX_VALUES + " values");
            }
            id = dict.size();
            if (id == 256) {
                widen(d);
            }
            dict.put(value, id);
            valueOf.get(d).add(value);
        }
        return id;
    }

    /** The slot of the cell with these codes, appended if new. */
    private int slot(int[] ids) {
        int mask = index.length - 1;
        int i = hash(ids) & mask;
        for (int entry = index[i]; entry != 0; i = (i + 1) & mask, entry = index[i]) {
            if (sameCodes(entry - 1, ids)) {
                return entry - 1;
            }
        }
        int page = size >>> PAGE_BITS;
        if (page == counts.length) {
            addPage();
        }
        for (int d = 0; d < dimensions; d++) {
            setCode(d, size, ids[d]);
        }
        index[i] = size + 1;
        size++;
        if (size > index.length - (index.length >> 2)) {
            rehash(index.length * 2);
        }
        return size - 1;
    }

    private void addPage() {
        int pages = counts.length + 1;
        for (int d = 0; d < dimensions; d++) {
            codes[d] = Arrays.copyOf(codes[d], pages);
            codes[d][pages - 1] = new byte[PAGE * width[d]];
        }
        counts = Arrays.copyOf(counts, pages);
        counts[pages - 1] = new int[PAGE];
        keySums = Arrays.copyOf(keySums, pages);
        keySums[pages - 1] = new int[PAGE];
    }

    /** A dimension's 257th value: its codes take two bytes from now on. */
    private void widen(int d) {
        byte[][] pages = codes[d];
        for (int p = 0; p < pages.length; p++) {
            byte[] wide = new byte[PAGE * 2];
            for (int o = 0; o < PAGE; o++) {
                wide[2 * o + 1] = pages[p][o];
            }
            pages[p] = wide;
        }
        width[d] = 2;
    }

    private int code(int d, int slot) {
        return code(codes[d][slot >>> PAGE_BITS], width[d], slot & IN_PAGE);
    }

    private static int code(byte[] page, int width, int offset) {
        return width == 1 ? page[offset] & 0xFF : (page[2 * offset] & 0xFF) << 8 | page[2 * offset + 1] & 0xFF;
    }

    private void setCode(int d, int slot, int code) {
        byte[] page = codes[d][slot >>> PAGE_BITS];
        int offset = slot & IN_PAGE;
        if (width[d] == 1) {
            page[offset] = (byte) code;
        } else {
            page[2 * offset] = (byte) (code >>> 8);
            page[2 * offset + 1] = (byte) code;
        }
    }

    private boolean sameCodes(int slot, int[] ids) {
        for (int d = 0; d < dimensions; d++) {
            if (code(d, slot) != ids[d]) {
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
                ids[d] = code(d, slot);
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
                    cell[d] = valueOf.get(d).get(code(d, slot));
                }
                visitor.accept(cell, counts[slot >>> PAGE_BITS][slot & IN_PAGE], keySums[slot >>> PAGE_BITS][slot & IN_PAGE]);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What {@link #forEach} hands each cell to (its key sum modulo 2<sup>32</sup>, as a signed int). */
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
            List<Integer> filterDims = new ArrayList<>();
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
                filterDims.add(d);
                allowed.add(pass);
            }
            int filterCount = filterDims.size();
            boolean[][] fa = allowed.toArray(new boolean[0][]);
            int[] fw = new int[filterCount];
            byte[][] fp = new byte[filterCount][];
            for (int f = 0; f < filterCount; f++) {
                fw[f] = width[filterDims.get(f)];
            }
            int rowWidth = width[rowDimension];
            int columnWidth = columnDimension < 0 ? 0 : width[columnDimension];
            for (int page = 0; page * PAGE < size; page++) {
                int cells = Math.min(PAGE, size - page * PAGE);
                for (int f = 0; f < filterCount; f++) {
                    fp[f] = codes[filterDims.get(f)][page];
                }
                byte[] rowCodes = codes[rowDimension][page];
                byte[] columnCodes = columnDimension < 0 ? null : codes[columnDimension][page];
                int[] countPage = counts[page];
                int[] keySumPage = keySums[page];
                outer:
                for (int o = 0; o < cells; o++) {
                    for (int f = 0; f < filterCount; f++) {
                        if (!fa[f][code(fp[f], fw[f], o)]) {
                            continue outer;
                        }
                    }
                    int target = code(rowCodes, rowWidth, o) * columnCount + (columnCodes == null ? 0 : code(columnCodes, columnWidth, o));
                    n[target] += countPage[o];
                    s[target] += keySumPage[o];
                }
            }
            return new RollUp(rowValues, columnDimension < 0 ? List.of() : columnValues, n, s);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The roll-up of a cube: counts and key sums indexed [row * columns + column]. A key sum is exact
     * modulo 2<sup>32</sup> (each cell keeps its own so), which is all a cell key needs.
     */
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
