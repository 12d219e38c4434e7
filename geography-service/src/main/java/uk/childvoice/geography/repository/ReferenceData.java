package uk.childvoice.geography.repository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The small tables joined to the postcode directory, read from the classpath
 * ({@code data/geography/...}, ONS and MHCLG data under the Open Government Licence v3.0): IMD 2019
 * deciles of 2011 LSOAs, IoD 2025 deciles of 2021 LSOAs, 2021 LSOA to 2024 LAD, 2024 LAD to region,
 * and every local authority since 2011 with the one that covers it now. Immutable once loaded.
 */
public final class ReferenceData {
    public static final String LSOA_2011 = "LSOA2011";
    public static final String LSOA_2021 = "LSOA2021";
    public static final String IMD_2019 = "IMD2019";
    public static final String IOD_2025 = "IoD2025";
    public static final String ENGLAND = "E92000001";

    private static final String BASE = "data/geography/";

    private final Map<String, Integer> imd2019ByLsoa11;
    private final Map<String, Integer> iod2025ByLsoa21;
    private final Map<String, String> ladByLsoa21;
    private final Map<String, String> regionByLad24;
    private final Map<String, LocalAuthority> authorities;
    private final Set<String> currentEnglishLads;

    private ReferenceData(Map<String, Integer> imd2019ByLsoa11, Map<String, Integer> iod2025ByLsoa21,
                          Map<String, String> ladByLsoa21, Map<String, String> regionByLad24,
                          Map<String, LocalAuthority> authorities) {
        this.imd2019ByLsoa11 = imd2019ByLsoa11;
        this.iod2025ByLsoa21 = iod2025ByLsoa21;
        this.ladByLsoa21 = ladByLsoa21;
        this.regionByLad24 = regionByLad24;
        this.authorities = authorities;
        TreeSet<String> current = new TreeSet<>();
        authorities.values().stream()
                .filter(la -> la.current() && la.code().startsWith("E"))
                .forEach(la -> current.add(la.code()));
        this.currentEnglishLads = Collections.unmodifiableSet(current);
    }

    /** Loads the bundled tables (about half a second). */
    public static ReferenceData load() {
        Map<String, Integer> imd2019 = new HashMap<>(48_000);
        read("imd2019_lsoa11/imd2019_england_lsoa11.csv.gz", List.of("lsoa11_code", "IMD_decile"),
                f -> imd2019.put(f[0], Integer.parseInt(f[1])));
        Map<String, Integer> iod2025 = new HashMap<>(48_000);
        read("imd2025_lsoa21/imd2025_england_lsoa21.csv.gz", List.of("lsoa21_code", "IMD_decile"),
                f -> iod2025.put(f[0], Integer.parseInt(f[1])));
        Map<String, String> ladByLsoa21 = new HashMap<>(48_000);
        read("lsoa_lad_region_lookups/lookup_lsoa21_ward24_ltla24.csv.gz", List.of("lsoa21_code", "ltla24_code"),
                f -> ladByLsoa21.put(f[0], f[1]));
        Map<String, String> regionByLad24 = new HashMap<>();
        read("lsoa_lad_region_lookups/lookup_ltla24_region24.csv", List.of("ltla24_code", "region24_code"),
                f -> regionByLad24.put(f[0], f[1]));
        Map<String, LocalAuthority> authorities = new HashMap<>();
        read("local_authorities/la_all_codes.csv",
                List.of("LADCD", "LADNM", "LADCD_ACTIVE", "LADNM_ACTIVE", "RGNCD", "CTRYCD", "Current"),
                f -> authorities.put(f[0], new LocalAuthority(f[0], f[1], f[2], f[3], blankToNull(f[4]),
                        blankToNull(f[5]), "TRUE".equalsIgnoreCase(f[6]))));
        return new ReferenceData(Map.copyOf(imd2019), Map.copyOf(iod2025), Map.copyOf(ladByLsoa21),
                Map.copyOf(regionByLad24), Map.copyOf(authorities));
    }

    /** IMD 2019 decile of a 2011 LSOA, 0 if it has none (not English). */
    public int imd2019Decile(String lsoa11) {
        return imd2019ByLsoa11.getOrDefault(lsoa11, 0);
    }

    /** IoD 2025 decile of a 2021 LSOA, 0 if it has none (not English). */
    public int iod2025Decile(String lsoa21) {
        return iod2025ByLsoa21.getOrDefault(lsoa21, 0);
    }

    /** The 2024 LAD a 2021 LSOA lies in (best fit), or null. */
    public String ladOfLsoa21(String lsoa21) {
        return ladByLsoa21.get(lsoa21);
    }

    /** The region of a 2024 LAD, or null. */
    public String regionOfLad24(String lad24) {
        return regionByLad24.get(lad24);
    }

    /** Any LAD code since 2011, or null. */
    public LocalAuthority authority(String code) {
        return code == null ? null : authorities.get(code);
    }

    /** The authority covering a LAD code today (Harrogate E07000165 → North Yorkshire E06000065), or null. */
    public LocalAuthority currentAuthority(String code) {
        LocalAuthority la = authority(code);
        return la == null ? null : authorities.getOrDefault(la.activeCode(), la);
    }

    /** The 296 current English local authority districts. */
    public Set<String> currentEnglishLads() {
        return currentEnglishLads;
    }

    private static void read(String resource, List<String> columns, Consumer<String[]> row) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ReferenceData.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(BASE + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled reference data " + BASE + resource);
            }
            BufferedReader reader = CsvLine.reader(in);
            List<String> header = CsvLine.split(reader.readLine());
            int[] index = new int[columns.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = header.indexOf(columns.get(i));
                if (index[i] < 0) {
                    throw new IllegalStateException(resource + " has no column " + columns.get(i));
                }
            }
            String[] fields = new String[header.size() + 1];
            String[] picked = new String[index.length];
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                CsvLine.split(line, fields);
                for (int i = 0; i < index.length; i++) {
                    picked[i] = fields[index[i]];
                }
                row.accept(picked);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
