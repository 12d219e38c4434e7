package uk.childvoice.reporting.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A perturbation table in the ONS integer form (pcv, ckey, pvalue), as used by ONSdigital's
 * cell-key-perturbation: pcv = n for n ≤ 750, else ((n − 1) mod 250) + 501; ckey is the integer cell key.
 */
public final class OnsPerturbationTable implements PerturbationLookup {
    private final int[][] values;
    private final int keys;

    public OnsPerturbationTable(int[][] values) {
        this.values = values;
        this.keys = values[1].length;
    }

    public static OnsPerturbationTable parse(InputStream csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        List<String> columns = List.of(reader.readLine().replace("\"", "").trim().split(","));
        int pcvCol = columns.indexOf("pcv");
        int ckeyCol = columns.indexOf("ckey");
        int valueCol = columns.indexOf("pvalue");
        int[][] rows = new int[751][];
        int maxKey = -1;
        List<int[]> entries = new java.util.ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.replace("\"", "").split(",");
            int[] e = {Integer.parseInt(f[pcvCol].trim()), Integer.parseInt(f[ckeyCol].trim()), Integer.parseInt(f[valueCol].trim())};
            maxKey = Math.max(maxKey, e[1]);
            entries.add(e);
        }
        for (int pcv = 0; pcv <= 750; pcv++) {
            rows[pcv] = new int[maxKey + 1];
        }
        for (int[] e : entries) {
            rows[e[0]][e[1]] = e[2];
        }
        return new OnsPerturbationTable(rows);
    }

    /** The perturbation cell value of a count. */
    public static int pcv(long n) {
        return (int) (n <= 750 ? n : ((n - 1) % 250) + 501);
    }

    @Override
    public int perturbation(long n, int ck, int keySpace) {
        if (keySpace != keys) {
            throw new IllegalStateException("this table is for " + keys + " cell keys, the service uses " + keySpace);
        }
        return n <= 0 ? 0 : values[pcv(n)][ck];
    }
}
