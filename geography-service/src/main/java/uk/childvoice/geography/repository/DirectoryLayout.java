package uk.childvoice.geography.repository;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the columns of an ONS postcode directory file to the fields the loader needs, by header name
 * through an alias table. ONS renamed the columns twice in 2025 (Aug: {@code pcd}→{@code pcd7};
 * Nov: year suffixes such as {@code lad25cd}), so positions are never assumed. A header without one
 * of the required fields is refused with a message naming each missing field and the names accepted.
 */
public final class DirectoryLayout {

    /** The directory fields the service uses. */
    public enum Field {
        POSTCODE(true, "pcds", "pcd", "pcd7", "pcd2", "pcd8"),
        DATE_TERMINATED(true, "doterm"),
        COUNTRY(true, "ctry", "ctry\\d\\dcd"),
        LAD(true, "laua", "oslaua", "lad\\d\\dcd"),
        REGION(true, "rgn", "rgn\\d\\dcd"),
        LSOA11(false, "lsoa11", "lsoa11cd"),
        LSOA21(false, "lsoa21", "lsoa21cd"),
        IMD_RANK(false, "imd", "imd\\d\\dind");

        final boolean required;
        final List<Pattern> aliases;
        final List<String> names;

        Field(boolean required, String... aliases) {
            this.required = required;
            this.names = List.of(aliases);
            List<Pattern> patterns = new ArrayList<>();
            for (String alias : aliases) {
                patterns.add(Pattern.compile(alias));
            }
            this.aliases = List.copyOf(patterns);
        }
    }

    private final String name;
    private final Map<Field, Integer> columns;
    private final int width;

    private DirectoryLayout(String name, Map<Field, Integer> columns, int width) {
        this.name = name;
        this.columns = columns;
        this.width = width;
    }

    /** Recognises a header row, or throws {@link IllegalArgumentException} naming the missing columns. */
    public static DirectoryLayout of(List<String> header) {
        List<String> names = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        Map<Field, Integer> columns = new EnumMap<>(Field.class);
        List<String> missing = new ArrayList<>();
        for (Field field : Field.values()) {
            int found = -1;
            // Aliases are in order of preference (pcds, the canonical form, before pcd/pcd7).
            for (Pattern alias : field.aliases) {
                for (int i = 0; i < names.size() && found < 0; i++) {
                    if (alias.matcher(names.get(i)).matches()) {
                        found = i;
                    }
                }
                if (found >= 0) {
                    break;
                }
            }
            if (found >= 0) {
                columns.put(field, found);
            } else if (field.required) {
                missing.add(field + " (one of " + String.join(", ", field.names) + ")");
            }
        }
        if (!columns.containsKey(Field.LSOA11) && !columns.containsKey(Field.LSOA21)) {
            missing.add("LSOA (one of lsoa11, lsoa11cd, lsoa21, lsoa21cd)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("unknown postcode directory layout: no column for "
                    + String.join("; ", missing));
        }
        return new DirectoryLayout(name(names), columns, names.size());
    }

    /** Which published layout this is (for the report and the snapshot). */
    public String name() {
        return name;
    }

    public boolean has(Field field) {
        return columns.containsKey(field);
    }

    /** Column index of a field, or -1. */
    public int column(Field field) {
        return columns.getOrDefault(field, -1);
    }

    public int width() {
        return width;
    }

    private static String name(List<String> names) {
        boolean suffixed = names.stream().anyMatch(n -> n.matches("lad\\d\\dcd"));
        if (suffixed) {
            return "ONSPD-2025-11+";
        }
        if (names.contains("pcd7")) {
            return "ONSPD-2025-08";
        }
        if (names.contains("oslaua")) {
            return "ONSPD-to-2025-05";
        }
        if (names.contains("laua")) {
            return names.contains("lsoa21") ? "NSPL-2022+" : "NSPL-2021";
        }
        return "unnamed";
    }
}
