package uk.childvoice.reporting.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell-key-method perturbation table in the sdcTools interval form (columns i, j, p, v, p_int_lb,
 * p_int_ub): for a cell of count n and cell key ck in [0, 1), the row block is min(n, iMax) and the
 * perturbation is v of the first row of that block whose p_int_ub exceeds ck. Tables in the ONS
 * integer form (pcv, ckey, pvalue) are read by {@link OnsPerturbationTable}.
 */
public final class PerturbationTable implements PerturbationLookup {
    private final int iMax;
    /** Upper bounds and values per block i (index 0..iMax). */
    private final double[][] upperBounds;
    private final int[][] values;

    private PerturbationTable(int iMax, double[][] upperBounds, int[][] values) {
        this.iMax = iMax;
        this.upperBounds = upperBounds;
        this.values = values;
    }

    /** Loads an interval-form table from a classpath resource. */
    public static PerturbationTable fromResource(String resource) {
        InputStream in = PerturbationTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("perturbation table not found on the classpath: " + resource);
        }
        try (in) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read perturbation table " + resource, e);
        }
    }

    /** Parses the interval form (header i,j,p,v,p_int_lb,p_int_ub; rows sorted by i then p_int_ub). */
    public static PerturbationTable parse(InputStream csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException("empty perturbation table");
        }
        List<String> columns = List.of(header.replace("\"", "").trim().split(","));
        int iCol = columns.indexOf("i");
        int vCol = columns.indexOf("v");
        int ubCol = columns.indexOf("p_int_ub");
        if (iCol < 0 || vCol < 0 || ubCol < 0) {
            throw new IllegalArgumentException("not an interval-form perturbation table: header " + columns);
        }
        List<List<double[]>> blocks = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.replace("\"", "").split(",");
            int i = Integer.parseInt(f[iCol].trim());
            while (blocks.size() <= i) {
                blocks.add(new ArrayList<>());
            }
            blocks.get(i).add(new double[] {Double.parseDouble(f[ubCol].trim()), Integer.parseInt(f[vCol].trim())});
        }
        int iMax = blocks.size() - 1;
        double[][] ub = new double[iMax + 1][];
        int[][] v = new int[iMax + 1][];
        for (int i = 0; i <= iMax; i++) {
            List<double[]> rows = blocks.get(i);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("perturbation table has no rows for i=" + i);
            }
            rows.sort((a, b) -> Double.compare(a[0], b[0]));
            ub[i] = new double[rows.size()];
            v[i] = new int[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                ub[i][r] = rows.get(r)[0];
                v[i][r] = (int) rows.get(r)[1];
            }
        }
        return new PerturbationTable(iMax, ub, v);
    }

    /** The largest count with its own block; larger counts use this block. */
    public int iMax() {
        return iMax;
    }

    /** Perturbation for count n and cell key ck in [0, 1). A zero count is never perturbed. */
    public int perturbation(long n, double ck) {
        if (n <= 0) {
            return 0;
        }
        int block = (int) Math.min(n, iMax);
        double[] ub = upperBounds[block];
        for (int r = 0; r < ub.length; r++) {
            if (ck < ub[r]) {
                return values[block][r];
            }
        }
        return values[block][ub.length - 1];
    }

    @Override
    public int perturbation(long n, int ck, int keySpace) {
        return perturbation(n, (double) ck / keySpace);
    }

    /**
     * The same table in ONS integer form for integer cell keys 0..keySpace-1: [block][ck] → v. Exact,
     * because ck / keySpace is exact in binary floating point for power-of-two key spaces.
     */
    public int[][] toIntegerForm(int keySpace) {
        int[][] table = new int[iMax + 1][keySpace];
        for (int i = 1; i <= iMax; i++) {
            for (int ck = 0; ck < keySpace; ck++) {
                table[i][ck] = perturbation(i, (double) ck / keySpace);
            }
        }
        return table;
    }
}
