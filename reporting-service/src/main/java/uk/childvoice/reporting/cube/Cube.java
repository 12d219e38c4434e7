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
     * Open-addressing index from a cell's dictionary codes to its slot, probed linearly, at most three
     * quarters full. An entry is the slot + 1 in its low {@value #SLOT_BITS} bits (0 = empty) and the top
     * eight bits of the cell's hash above them: a probe that meets another cell is told apart by those
     * bits without reading that cell's row (at three quarters full a probe meets several cells, each a
     * likely cache miss). Not a HashMap of cell objects: that was about 120 bytes per cell on top of the
     * cell itself, and a national choice cube has millions of cells.
     */
    private int[] index = new int[2048];
    private static final int SLOT_BITS = 24;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    /**
     * The most cells a cube holds (16.8 million; the Big Ask replay's largest cube has about 1.5 million),
     * bounded by the slot bits of an index entry. Memory runs out first: that is over 250 MB of cells.
     */
    static final int MAX_CELLS = SLOT_MASK - 1;
    /**
     * The cells, in pages of {@value #PAGE} cells. Per cell:
     * <ul>
     *   <li>its dictionary codes side by side, a row of {@code stride} bytes in {@code rows}: each dimension
     *       at its {@code offset}, in one byte while it has at most 256 values and in two after that
     *       ({@code width}; the largest, local authority, has about 330). One row, so that checking a slot
     *       reads one cache line, where the columns this cube once kept took one per dimension; and the
     *       table roll-ups scan one array a page, which made them faster too (TableBenchmark p50 18.7 to
     *       12.9 ms);</li>
     *   <li>its count (an int: a national collection is millions of records) and key sum modulo
     *       2<sup>32</sup> (an int that wraps: the cell key needs the sum only modulo the key space, a power
     *       of two that divides 2<sup>32</sup>, and a long took 6 MB more for the 1.5 million cells of the Big
     *       Ask replay), side by side in {@code tallies} (count at 2 × offset in the page, key sum after it).</li>
     * </ul>
     * A choice cell of eight dimensions takes 16 bytes and the index about 8. Pages rather than one array,
     * because growing an array of a million cells copies it, and for that moment the old and the new array
     * both fill the heap (which the JVM then keeps, in resident memory).
     */
    private byte[][] rows = new byte[0][];
    private final int[] width;
    private final int[] offset;
    private int stride;
    private int[][] tallies = new int[0][];
    static final int PAGE_BITS = 14;
    static final int PAGE = 1 << PAGE_BITS;
    private static final int IN_PAGE = PAGE - 1;
    static final int MAX_VALUES = 65_535;
    private int size;
    /**
     * Per dimension and dictionary code, the total count: which values are present, without a scan. Null
     * in a cube made {@link #forSums}.
     */
    private final long[][] valueTotals;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** A cube that tables are answered from: it also keeps which values are present ({@link #presentValues}). */
    public Cube(int dimensions) {
        this(dimensions, true);
    }

    /**
     * A cube that is only summed into and then read cell by cell ({@link #forEach}, {@link #addAll} into
     * another): the sums of the records read in one refresh, or kept for the next fold. It does not keep
     * the totals per value that {@link #presentValues} needs: counting them for each of a record's ~390
     * cells was 8% of the reporting service's CPU in a replay (JFR), and these cubes never answer a table.
     */
    public static Cube forSums(int dimensions) {
        return new Cube(dimensions, false);
    }

    private Cube(int dimensions, boolean keepsValueTotals) {
        this.dimensions = dimensions;
        for (int d = 0; d < dimensions; d++) {
            codeOf.add(new HashMap<>());
            valueOf.add(new ArrayList<>());
        }
        valueTotals = keepsValueTotals ? new long[dimensions][16] : null;
        width = new int[dimensions];
        Arrays.fill(width, 1);
        offset = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            offset[d] = d;
        }
        stride = dimensions;
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

    /**
     * Empties the cube, keeping its arrays for the next cells: for the cube a refresh sums each second's
     * records into, which was a new cube every second. Its pages and index, grown anew each time, were
     * live at nearly every young collection and copied by it (JFR: 5% of the reporting service's
     * allocation in a replay).
     */
    public void clear() {
        lock.writeLock().lock();
        try {
            for (int d = 0; d < dimensions; d++) {
                codeOf.get(d).clear();
                valueOf.get(d).clear();
                offset[d] = d;
            }
            if (stride != dimensions) {
                // A dimension had been widened: the pages' rows are wider than a new cube's.
                rows = new byte[0][];
                tallies = new int[0][];
            }
            Arrays.fill(width, 1);
            stride = dimensions;
            if (valueTotals != null) {
                for (int d = 0; d < dimensions; d++) {
                    valueTotals[d] = new long[16];
                }
            }
            Arrays.fill(index, 0);
            size = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds to a cell. */
    public void add(String[] cell, long count, long keySum) {
        if (cell.length != dimensions) {
            throw new IllegalArgumentException("cell has " + cell.length + " values, cube has " + dimensions + " dimensions");
        }
        lock.writeLock().lock();
        try {
            int[] ids = new int[dimensions];
            for (int d = 0; d < dimensions; d++) {
                ids[d] = dictionaryCode(d, cell[d]);
            }
            addToSlot(slot(ids), ids, count, keySum);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds to the cell in {@code slot}, whose dictionary codes are {@code ids}. */
    private void addToSlot(int slot, int[] ids, long count, long keySum) {
        if (valueTotals != null) {
            addToTotals(ids, count);
        }
        int[] page = tallies[slot >>> PAGE_BITS];
        int at = 2 * (slot & IN_PAGE);
        page[at] = Math.toIntExact(page[at] + count);
        page[at + 1] += (int) keySum; // wraps: only the sum modulo 2^32 is kept (see the cells)
    }

    private void addToTotals(int[] ids, long delta) {
        for (int d = 0; d < dimensions; d++) {
            long[] totals = valueTotals[d];
            if (ids[d] >= totals.length) {
                totals = Arrays.copyOf(totals, Math.max(ids[d] + 1, totals.length * 2));
                valueTotals[d] = totals;
            }
            totals[ids[d]] += delta;
        }
    }

    /** The values of a dimension that at least one record currently has (no scan of the cells). */
    public List<String> presentValues(int dimension) {
        if (valueTotals == null) {
            throw new IllegalStateException("a cube made for sums does not keep which values are present");
        }
        lock.readLock().lock();
        try {
            List<String> present = new ArrayList<>();
            long[] totals = valueTotals[dimension];
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
        addToSlot(slot(codes), codes, count, keySum);
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
                    int[] page = other.tallies[from >>> PAGE_BITS];
                    int at = 2 * (from & IN_PAGE);
                    addToSlot(slot(ids), ids, page[at], page[at + 1]);
                }
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            other.lock.readLock().unlock();
        }
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
        int hash = hash(ids);
        int fingerprint = hash & ~SLOT_MASK;
        int mask = index.length - 1;
        int i = hash & mask;
        for (int entry = index[i]; entry != 0; i = (i + 1) & mask, entry = index[i]) {
            if ((entry & ~SLOT_MASK) == fingerprint && sameCodes((entry & SLOT_MASK) - 1, ids)) {
                return (entry & SLOT_MASK) - 1;
            }
        }
        if (size == MAX_CELLS) {
            throw new IllegalStateException("cube already has " + MAX_CELLS + " cells");
        }
        int page = size >>> PAGE_BITS;
        if (page == tallies.length) {
            addPage();
        }
        for (int d = 0; d < dimensions; d++) {
            setCode(d, size, ids[d]);
        }
        // A page kept by clear() still holds the tallies of the cells it had.
        tallies[page][2 * (size & IN_PAGE)] = 0;
        tallies[page][2 * (size & IN_PAGE) + 1] = 0;
        index[i] = fingerprint | (size + 1);
        size++;
        if (size > index.length - (index.length >> 2)) {
            rehash(index.length * 2);
        }
        return size - 1;
    }

    private void addPage() {
        int pages = tallies.length + 1;
        rows = Arrays.copyOf(rows, pages);
        rows[pages - 1] = new byte[PAGE * stride];
        tallies = Arrays.copyOf(tallies, pages);
        tallies[pages - 1] = new int[2 * PAGE];
    }

    /** A dimension's 257th value: its codes take two bytes from now on, and every row one byte more. */
    private void widen(int d) {
        int[] wider = offset.clone();
        for (int e = d + 1; e < dimensions; e++) {
            wider[e]++;
        }
        int[] wideWidth = width.clone();
        wideWidth[d] = 2;
        int wideStride = stride + 1;
        for (int p = 0; p < rows.length; p++) {
            byte[] narrow = rows[p];
            byte[] wide = new byte[PAGE * wideStride];
            for (int o = 0; o < PAGE; o++) {
                for (int e = 0; e < dimensions; e++) {
                    put(wide, o * wideStride + wider[e], wideWidth[e], code(narrow, o * stride + offset[e], width[e]));
                }
            }
            rows[p] = wide;
        }
        System.arraycopy(wider, 0, offset, 0, dimensions);
        width[d] = 2;
        stride = wideStride;
    }

    private int code(int d, int slot) {
        return code(rows[slot >>> PAGE_BITS], (slot & IN_PAGE) * stride + offset[d], width[d]);
    }

    /** The code at {@code at} of a page of rows, in {@code width} bytes. */
    private static int code(byte[] page, int at, int width) {
        return width == 1 ? page[at] & 0xFF : (page[at] & 0xFF) << 8 | page[at + 1] & 0xFF;
    }

    private static void put(byte[] page, int at, int width, int code) {
        if (width == 1) {
            page[at] = (byte) code;
        } else {
            page[at] = (byte) (code >>> 8);
            page[at + 1] = (byte) code;
        }
    }

    private void setCode(int d, int slot, int code) {
        put(rows[slot >>> PAGE_BITS], (slot & IN_PAGE) * stride + offset[d], width[d], code);
    }

    private boolean sameCodes(int slot, int[] ids) {
        byte[] page = rows[slot >>> PAGE_BITS];
        int row = (slot & IN_PAGE) * stride;
        for (int d = 0; d < dimensions; d++) {
            if (code(page, row + offset[d], width[d]) != ids[d]) {
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
            int hash = hash(ids);
            int i = hash & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = (hash & ~SLOT_MASK) | (slot + 1);
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
                int[] page = tallies[slot >>> PAGE_BITS];
                visitor.accept(cell, page[2 * (slot & IN_PAGE)], page[2 * (slot & IN_PAGE) + 1]);
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
            int[] fo = new int[filterCount];
            for (int f = 0; f < filterCount; f++) {
                fw[f] = width[filterDims.get(f)];
                fo[f] = offset[filterDims.get(f)];
            }
            int rowWidth = width[rowDimension];
            int rowOffset = offset[rowDimension];
            int columnWidth = columnDimension < 0 ? 0 : width[columnDimension];
            int columnOffset = columnDimension < 0 ? 0 : offset[columnDimension];
            for (int page = 0; page * PAGE < size; page++) {
                int cells = Math.min(PAGE, size - page * PAGE);
                byte[] rowPage = rows[page];
                int[] tallyPage = tallies[page];
                outer:
                for (int o = 0; o < cells; o++) {
                    int row = o * stride;
                    for (int f = 0; f < filterCount; f++) {
                        if (!fa[f][code(rowPage, row + fo[f], fw[f])]) {
                            continue outer;
                        }
                    }
                    int target = code(rowPage, row + rowOffset, rowWidth) * columnCount
                            + (columnDimension < 0 ? 0 : code(rowPage, row + columnOffset, columnWidth));
                    n[target] += tallyPage[2 * o];
                    s[target] += tallyPage[2 * o + 1];
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
