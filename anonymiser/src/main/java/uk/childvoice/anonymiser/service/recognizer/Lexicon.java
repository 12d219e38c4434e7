package uk.childvoice.anonymiser.service.recognizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The word lists behind the gazetteer layers, loaded once from the classpath into hash sets:
 * ONS first names (1996-2024, with counts), ordinary English words (SCOWL size 35 plus everyday
 * internet words it lacks), and the
 * hand-written lists of non-names, public figures and places. Immutable and thread-safe.
 */
public final class Lexicon {
    private final Map<String, Integer> firstNames;
    private final Set<String> commonWords;
    private final Set<String> notNames;
    private final Set<String> places;
    private final Set<String> publicFigures;
    private final int longestPublicFigure;
    private final Set<String> publicFigureFirstWords;

    private Lexicon(Map<String, Integer> firstNames, Set<String> commonWords, Set<String> notNames, Set<String> places,
            Set<String> publicFigures) {
        this.firstNames = firstNames;
        this.commonWords = commonWords;
        this.notNames = notNames;
        this.places = places;
        this.publicFigures = publicFigures;
        int longest = 1;
        Set<String> firstWords = new HashSet<>();
        for (String p : publicFigures) {
            String[] words = p.split(" ");
            longest = Math.max(longest, words.length);
            firstWords.add(words[0]);
        }
        this.publicFigureFirstWords = Set.copyOf(firstWords);
        this.longestPublicFigure = longest;
    }

    /** Loads the shipped lists (about 200 ms; call once and share). */
    public static Lexicon load() {
        Map<String, Integer> names = new HashMap<>(65_536);
        read("data/ons-babynames-ew/ons_ew_babynames_1996_2024.csv.gz", true, line -> {
            if (line.startsWith("year,")) {
                return;
            }
            int a = line.indexOf(',', line.indexOf(',') + 1);
            int b = line.lastIndexOf(',');
            String name = line.substring(a + 1, b).toLowerCase(Locale.ROOT);
            names.merge(name, Integer.parseInt(line.substring(b + 1)), Integer::sum);
        });
        Set<String> common = new HashSet<>(65_536);
        read("data/scowl/british-english-small.txt", false, line -> {
            // Only lower-case entries are ordinary words; capitalised ones are proper nouns, many of them names.
            if (!line.isEmpty() && Character.isLowerCase(line.charAt(0))) {
                common.add(line.endsWith("'s") ? line.substring(0, line.length() - 2) : line);
            }
        });
        common.addAll(list("data/lexicon/everyday-words.txt"));
        return new Lexicon(Map.copyOf(names), Set.copyOf(common), list("data/lexicon/not-names.txt"),
                list("data/lexicon/places.txt"), list("data/lexicon/public-figures.txt"));
    }

    private static Set<String> list(String resource) {
        Set<String> set = new HashSet<>();
        read(resource, false, line -> {
            String t = line.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !t.startsWith("#")) {
                set.add(t);
            }
        });
        return Set.copyOf(set);
    }

    private static void read(String resource, boolean gzip, Consumer<String> lines) {
        try (InputStream raw = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            InputStream in = gzip ? new GZIPInputStream(raw, 65_536) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 65_536);
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "so", "if", "because", "cos", "coz", "then", "than", "to", "too", "of",
            "in", "on", "at", "by", "for", "from", "with", "without", "about", "into", "onto", "over", "under", "up",
            "down", "out", "off", "near", "next", "i", "me", "my", "mine", "you", "your", "he", "him", "his", "she",
            "her", "it", "its", "we", "us", "our", "they", "them", "their", "this", "that", "these", "those", "is",
            "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "not", "no",
            "yes", "all", "some", "any", "every", "each", "very", "really", "just", "also", "only", "when", "where",
            "what", "who", "why", "how", "which", "there", "here", "go", "goes", "going", "went", "live", "lives",
            "living", "new", "old", "big", "little", "local", "nearest", "same", "other", "another", "called", "named",
            "im", "i'm", "dont", "don't", "like", "love", "hate", "want", "will", "would", "can", "could", "should",
            "must", "may", "might", "get", "got", "gets");

    /** Pronouns, articles, prepositions, auxiliaries: never part of a name, a school or a street. */
    public static boolean isFunctionWord(String lower) {
        return FUNCTION_WORDS.contains(lower);
    }

    /** Babies given this first name in England and Wales 1996-2024 (0 if never, or fewer than 3 a year). */
    public int firstNameCount(String lower) {
        Integer n = firstNames.get(lower);
        return n == null ? 0 : n;
    }

    public boolean isCommonWord(String lower) {
        return commonWords.contains(lower);
    }

    public boolean isNotName(String lower) {
        return notNames.contains(lower);
    }

    public boolean isPlace(String lower) {
        return places.contains(lower);
    }

    public boolean isPublicFigure(String lowerPhrase) {
        return publicFigures.contains(lowerPhrase);
    }

    /** Whether some public-figure phrase starts with this word (a cheap test before building phrases). */
    public boolean startsPublicFigure(String lower) {
        return publicFigureFirstWords.contains(lower);
    }

    /** Words in the longest public-figure phrase, so the name layer knows how far to look. */
    public int longestPublicFigure() {
        return longestPublicFigure;
    }
}
