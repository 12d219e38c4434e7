package uk.childvoice.geography.service;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import uk.childvoice.geography.repository.Area;
import uk.childvoice.geography.repository.IndexMetadata;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.ReferenceData;

/**
 * What a loaded directory contains, checked against the reference tables: rows, live and terminated
 * postcodes, postcodes per country, English LSOAs with and without an IMD decile, and which of the 296
 * current English local authorities have postcodes. Codes and counts only.
 */
public record ValidationReport(String directoryEdition, String layout, List<String> imdEditions, int rowsRead,
                               int rowsSkipped, int duplicates, int postcodes, int live, int terminated,
                               int noGeography, Map<String, Integer> postcodesByCountry, int englishLsoas,
                               int englishLsoasWithoutImd, int englishPostcodesWithoutLad,
                               int currentEnglishLadsPresent, List<String> currentEnglishLadsMissing) {

    /** Whether the directory covers all of England, as a national edition should. */
    public boolean coversEngland() {
        return englishLsoasWithoutImd == 0 && currentEnglishLadsMissing.isEmpty();
    }

    public static ValidationReport of(PostcodeIndex index, ReferenceData reference) {
        int terminated = 0;
        int noGeography = 0;
        int withoutLad = 0;
        int[] perArea = new int[index.areaCount()];
        for (int i = 0; i < index.size(); i++) {
            if (index.terminatedAt(i)) {
                terminated++;
            }
            Area area = index.areaAt(i);
            if (area.kind() == Area.Kind.NO_GEOGRAPHY) {
                noGeography++;
            }
            if (area.kind() == Area.Kind.ENGLAND && area.lad() == null) {
                withoutLad++;
            }
        }
        Map<String, Integer> byCountry = new TreeMap<>();
        for (int i = 0; i < index.size(); i++) {
            String country = index.areaAt(i).country();
            byCountry.merge(country == null ? "none" : country, 1, Integer::sum);
        }
        Set<String> lsoas = new HashSet<>();
        Set<String> lsoasWithoutImd = new HashSet<>();
        Set<String> lads = new HashSet<>();
        for (int a = 0; a < index.areaCount(); a++) {
            Area area = index.area(a);
            if (area.kind() != Area.Kind.ENGLAND) {
                continue;
            }
            lsoas.add(area.lsoa());
            if (area.imdDecile() == 0) {
                lsoasWithoutImd.add(area.lsoa());
            }
            if (area.lad() != null) {
                lads.add(area.lad());
            }
        }
        TreeSet<String> missing = new TreeSet<>(reference.currentEnglishLads());
        missing.removeAll(lads);
        IndexMetadata m = index.metadata();
        return new ValidationReport(m.directoryEdition(), m.layout(), m.imdEditions(), m.rowsRead(), m.rowsSkipped(),
                m.duplicates(), index.size(), index.size() - terminated, terminated, noGeography,
                Collections.unmodifiableMap(byCountry), lsoas.size(), lsoasWithoutImd.size(), withoutLad,
                reference.currentEnglishLads().size() - missing.size(), List.copyOf(missing));
    }

    /** One log line, codes and counts only. */
    public String summary() {
        return String.format("directory %s (%s): %,d rows read, %,d skipped, %,d duplicates; %,d postcodes "
                        + "(%,d live, %,d terminated, %,d without geography); by country %s; %,d English LSOAs, "
                        + "%,d without an IMD decile (%s); %,d English postcodes without a LAD; %d of %d current "
                        + "English local authorities present%s",
                directoryEdition, layout, rowsRead, rowsSkipped, duplicates, postcodes, live, terminated, noGeography,
                postcodesByCountry, englishLsoas, englishLsoasWithoutImd, imdEditions, englishPostcodesWithoutLad,
                currentEnglishLadsPresent, currentEnglishLadsPresent + currentEnglishLadsMissing.size(),
                coversEngland() ? "" : " (not a national edition: " + currentEnglishLadsMissing.size() + " missing)");
    }
}
