package uk.childvoice.benchmark.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Real postcodes from the NSPL sample that geography-service ships (ONS, OGL v3), sorted into what the
 * geography service will make of them: live English postcodes, terminated English ones, Welsh ones,
 * other non-English ones (Scotland, Channel Islands, Isle of Man), ones with no geography, plus
 * made-up postcodes that are shaped like a UK postcode but are in no directory.
 */
public final class PostcodeSample {
    /** The sample, relative to the repository root. */
    public static final Path RELATIVE_FILE = Path.of("geography-service", "src", "main", "resources", "data", "geography",
            "nspl_nov2021_sample", "nspl_nov2021_uk_20areas.csv.gz");

    private static final String ENGLAND = "E92000001";
    private static final String WALES = "W92000004";

    /** A live English postcode and the local authority (2021 code) it was in. */
    public record EnglishPostcode(String postcode, String lad) {
    }

    private final List<EnglishPostcode> englishLive;
    private final List<String> englishTerminated;
    private final List<String> welsh;
    private final List<String> otherNotEngland;
    private final List<String> noGeography;
    private final List<String> notInDirectory;
    private final Set<String> madeUp;

    private PostcodeSample(List<EnglishPostcode> englishLive, List<String> englishTerminated, List<String> welsh,
            List<String> otherNotEngland, List<String> noGeography, List<String> notInDirectory) {
        this.englishLive = englishLive;
        this.englishTerminated = englishTerminated;
        this.welsh = welsh;
        this.otherNotEngland = otherNotEngland;
        this.noGeography = noGeography;
        this.notInDirectory = notInDirectory;
        this.madeUp = Set.copyOf(notInDirectory);
    }

    public static PostcodeSample fromRepository(Path repositoryRoot) {
        return load(repositoryRoot.resolve(RELATIVE_FILE));
    }

    /** Reads the gzipped NSPL CSV (header row, quoted fields; columns pcds, doterm, laua, ctry). */
    public static PostcodeSample load(Path gzippedCsv) {
        List<EnglishPostcode> englishLive = new ArrayList<>();
        List<String> englishTerminated = new ArrayList<>();
        List<String> welsh = new ArrayList<>();
        List<String> other = new ArrayList<>();
        List<String> noGeography = new ArrayList<>();
        Set<String> all = new HashSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzippedCsv), 1 << 16);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = split(reader.readLine());
            int pcds = header.indexOf("pcds");
            int doterm = header.indexOf("doterm");
            int laua = header.indexOf("laua");
            int ctry = header.indexOf("ctry");
            if (pcds < 0 || doterm < 0 || laua < 0 || ctry < 0) {
                throw new IllegalStateException(gzippedCsv + " lacks one of the columns pcds, doterm, laua, ctry");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> f = split(line);
                String postcode = f.get(pcds);
                all.add(postcode);
                boolean live = f.get(doterm).isEmpty();
                String country = f.get(ctry);
                if (!live) {
                    if (ENGLAND.equals(country)) {
                        englishTerminated.add(postcode);
                    }
                } else if (ENGLAND.equals(country)) {
                    englishLive.add(new EnglishPostcode(postcode, f.get(laua)));
                } else if (WALES.equals(country)) {
                    welsh.add(postcode);
                } else if (country.isEmpty()) {
                    noGeography.add(postcode);
                } else {
                    other.add(postcode);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the postcode sample " + gzippedCsv, e);
        }
        if (englishLive.isEmpty() || englishTerminated.isEmpty() || welsh.isEmpty()) {
            throw new IllegalStateException(gzippedCsv + " has no live English, terminated English or Welsh postcodes");
        }
        return new PostcodeSample(List.copyOf(englishLive), List.copyOf(englishTerminated), List.copyOf(welsh),
                List.copyOf(other), List.copyOf(noGeography), notInDirectory(englishLive, all));
    }

    /**
     * Postcodes with a real English outward code and an inward code ending "ZZ" that the sample does not
     * hold: valid in shape (intake accepts them), unknown to the directory (geography says NOT_FOUND).
     */
    private static List<String> notInDirectory(List<EnglishPostcode> english, Set<String> known) {
        Set<String> outwards = new java.util.TreeSet<>();
        english.forEach(p -> outwards.add(p.postcode().substring(0, p.postcode().indexOf(' '))));
        List<String> made = new ArrayList<>();
        for (String outward : outwards) {
            for (int sector = 0; sector <= 9; sector++) {
                String candidate = outward + " " + sector + "ZZ";
                if (!known.contains(candidate)) {
                    made.add(candidate);
                }
            }
        }
        return List.copyOf(made);
    }

    // The file is ONS's quoted CSV of codes and numbers: no field holds a comma or a quote.
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>(48);
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String field = comma < 0 ? line.substring(start) : line.substring(start, comma);
            if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
                field = field.substring(1, field.length() - 1);
            }
            fields.add(field);
            if (comma < 0) {
                return fields;
            }
            start = comma + 1;
        }
    }

    public EnglishPostcode englishLive(SplittableRandom random) {
        return englishLive.get(random.nextInt(englishLive.size()));
    }

    public String englishTerminated(SplittableRandom random) {
        return englishTerminated.get(random.nextInt(englishTerminated.size()));
    }

    public String welsh(SplittableRandom random) {
        return welsh.get(random.nextInt(welsh.size()));
    }

    /** Scottish, Channel Islands or Isle of Man; falls back to Welsh when the sample has none. */
    public String otherNotEngland(SplittableRandom random) {
        return otherNotEngland.isEmpty() ? welsh(random) : otherNotEngland.get(random.nextInt(otherNotEngland.size()));
    }

    /** A live postcode with no country (no grid reference); falls back to a made-up one when there is none. */
    public String noGeography(SplittableRandom random) {
        return noGeography.isEmpty() ? notInDirectory(random) : noGeography.get(random.nextInt(noGeography.size()));
    }

    public String notInDirectory(SplittableRandom random) {
        return notInDirectory.get(random.nextInt(notInDirectory.size()));
    }

    public int englishLiveCount() {
        return englishLive.size();
    }

    /** True when the postcode was made up by {@link #notInDirectory(SplittableRandom)}. */
    public boolean isMadeUp(String postcode) {
        return madeUp.contains(postcode);
    }
}
