package uk.childvoice.geography.repository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import uk.childvoice.geography.repository.DirectoryLayout.Field;

/**
 * Reads an ONS postcode directory (NSPL or ONSPD, any layout {@link DirectoryLayout} knows, plain or
 * gzip) into a {@link PostcodeIndex}, resolving each row to an {@link Area}: current local authority
 * and region, LSOA 2021 with its IoD 2025 decile where the file has {@code lsoa21}, else LSOA 2011
 * with its IMD 2019 decile. Logs progress every 500,000 rows (counts only, never a postcode).
 */
public final class DirectoryLoader {
    private static final Logger LOG = Logger.getLogger(DirectoryLoader.class);
    private static final int PROGRESS_EVERY = 500_000;
    private static final Pattern EDITION = Pattern.compile("(?i)(nspl|onspd)[_-]?([a-z]{3})[_-]?(\\d{4})");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private final ReferenceData reference;

    public DirectoryLoader(ReferenceData reference) {
        this.reference = reference;
    }

    /**
     * Reads a whole directory file.
     *
     * @param edition the edition to stamp on every lookup, e.g. {@code ONSPD-2025-11}
     */
    public PostcodeIndex load(InputStream in, String edition) throws IOException {
        BufferedReader reader = CsvLine.reader(in);
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new IllegalArgumentException("empty postcode directory file");
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
            headerLine = headerLine.substring(1);
        }
        DirectoryLayout layout = DirectoryLayout.of(CsvLine.split(headerLine));
        LOG.infof("reading postcode directory %s in layout %s", edition, layout.name());
        int postcode = layout.column(Field.POSTCODE);
        int doterm = layout.column(Field.DATE_TERMINATED);
        int country = layout.column(Field.COUNTRY);
        int lad = layout.column(Field.LAD);
        int region = layout.column(Field.REGION);
        int lsoa11 = layout.column(Field.LSOA11);
        int lsoa21 = layout.column(Field.LSOA21);

        PostcodeIndexBuilder builder = new PostcodeIndexBuilder();
        String[] fields = new String[layout.width() + 1];
        String line;
        long started = System.nanoTime();
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            CsvLine.split(line, fields);
            Area area = resolve(fields[country], fields[lad], fields[region],
                    lsoa11 < 0 ? null : fields[lsoa11], lsoa21 < 0 ? null : fields[lsoa21]);
            builder.add(fields[postcode], area, !isBlank(fields[doterm]));
            if (builder.rowsRead() % PROGRESS_EVERY == 0) {
                LOG.infof("read %,d directory rows (%d s)", builder.rowsRead(), (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
        return builder.build(edition, layout.name());
    }

    /** The area of one directory row. Public for tests: the rules every lookup follows. */
    public Area resolve(String country, String lad, String region, String lsoa11, String lsoa21) {
        country = code(country);
        if (country == null) {
            return Area.NO_GEOGRAPHY;
        }
        LocalAuthority authority = reference.currentAuthority(code(lad));
        if (!ReferenceData.ENGLAND.equals(country)) {
            return new Area(Area.Kind.NOT_ENGLAND, null, null,
                    authority == null ? null : authority.activeCode(), authority == null ? null : authority.activeName(),
                    null, country, 0, null);
        }
        String lsoa;
        String lsoaEdition;
        int decile;
        String imdEdition;
        if (code(lsoa21) != null) {
            lsoa = code(lsoa21);
            lsoaEdition = ReferenceData.LSOA_2021;
            decile = reference.iod2025Decile(lsoa);
            imdEdition = ReferenceData.IOD_2025;
        } else if (code(lsoa11) != null) {
            lsoa = code(lsoa11);
            lsoaEdition = ReferenceData.LSOA_2011;
            decile = reference.imd2019Decile(lsoa);
            imdEdition = ReferenceData.IMD_2019;
        } else {
            return new Area(Area.Kind.NO_GEOGRAPHY, null, null, null, null, null, country, 0, null);
        }
        if (authority == null && ReferenceData.LSOA_2021.equals(lsoaEdition)) {
            // A LAD code newer than the bundled table: the 2021 LSOA still says which authority it is in.
            authority = reference.currentAuthority(reference.ladOfLsoa21(lsoa));
        }
        String ladCode = authority == null ? code(lad) : authority.activeCode();
        String ladName = authority == null ? null : authority.activeName();
        String regionCode = authority != null && authority.region() != null ? authority.region() : code(region);
        if (regionCode == null && ladCode != null) {
            regionCode = reference.regionOfLad24(ladCode);
        }
        return new Area(Area.Kind.ENGLAND, lsoa, lsoaEdition, ladCode, ladName, regionCode, country,
                decile, decile == 0 ? null : imdEdition);
    }

    /** The edition named by an ONS file name ("NSPL_NOV_2021_UK.csv" → "NSPL-2021-11"), or null. */
    public static String editionFromFileName(String fileName) {
        Matcher m = EDITION.matcher(fileName);
        if (!m.find()) {
            return null;
        }
        String month = m.group(2).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(month)) {
                return m.group(1).toUpperCase(Locale.ROOT) + "-" + m.group(3) + "-" + String.format("%02d", i + 1);
            }
        }
        return null;
    }

    /** A real GSS code, or null for blanks and the "not applicable" pseudo codes (X99999999). */
    static String code(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty() || v.endsWith("99999999")) {
            return null;
        }
        return v;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
