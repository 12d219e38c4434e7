package uk.childvoice.reporting.service;

/**
 * The cell key method with integer record keys: a cell of n records whose keys sum to S gets the cell
 * key ck = S mod K and the published value n + v(n, ck), suppressed (null) when it falls below the
 * threshold. Same records, same noise: repeating a query cannot average the perturbation away.
 */
public final class CellKeyPerturbation {
    private final PerturbationLookup table;
    private final int keySpace;
    private final int threshold;

    public CellKeyPerturbation(PerturbationLookup table, int keySpace, int threshold) {
        if (keySpace <= 0 || Integer.bitCount(keySpace) != 1) {
            throw new IllegalArgumentException("key space must be a power of two, was " + keySpace);
        }
        this.table = table;
        this.keySpace = keySpace;
        this.threshold = threshold;
    }

    public int keySpace() {
        return keySpace;
    }

    public int threshold() {
        return threshold;
    }

    /** The cell key of a cell whose record keys sum to keySum. */
    public int cellKey(long keySum) {
        return (int) Math.floorMod(keySum, (long) keySpace);
    }

    /** The perturbation for count n and integer cell key ck; zero for an empty cell. */
    public int perturbation(long n, int ck) {
        if (n <= 0) {
            return 0;
        }
        return table.perturbation(n, ck, keySpace);
    }

    /** The published value of a cell, or null when suppressed (below the threshold, empty cells included). */
    public Long publish(long n, long keySum) {
        long published = n + perturbation(n, cellKey(keySum));
        return published < threshold ? null : published;
    }
}
