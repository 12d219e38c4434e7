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
 * The word lists behind the gazetteer layers, loaded once from the classpath: ONS first names
 * (1996-2024, with counts), ordinary English words (SCOWL size 35 plus everyday internet words it
 * lacks), and the hand-written lists of non-names, public figures and places. Immutable and
 * thread-safe.
 *
 * <p>Every list a single word can be in is folded into one map from the word to what the lists say
 * of it ({@link Word}), so a word costs one lookup however many lists a recognizer asks about, and a
 * {@link TextView} keeps each token's answer ({@link #at}). With a set or map per list a token was
 * looked up five to eight times across the name layers, and those probes into tables of tens of
 * thousands of words were 12% of the anonymiser's CPU under the benchmark's load (JFR).
 */
public final class Lexicon {
    private final Map<String, Word> words;
    private final Set<String> publicFigures;
    private final int longestPublicFigure;

    /** What the lists say of one lower-case word; {@link #NONE} for a word in none of them. Immutable. */
    public static final class Word {
        private static final int COMMON = 1;
        private static final int NOT_NAME = 2;
        private static final int PLACE = 4;
        private static final int PUBLIC_FIGURE_START = 8;
        private static final int FUNCTION = 16;
        /** A word no list knows. */
        public static final Word NONE = new Word(0, 0);

        private final int flags;
        private final int firstNameCount;

        private Word(int flags, int firstNameCount) {
            this.flags = flags;
            this.firstNameCount = firstNameCount;
        }

        /** Babies given this first name in England and Wales 1996-2024 (0 if never, or fewer than 3 a year). */
        public int firstNameCount() {
            return firstNameCount;
        }

        /** An ordinary English word. */
        public boolean common() {
            return (flags & COMMON) != 0;
        }

        public boolean notName() {
            return (flags & NOT_NAME) != 0;
        }

        public boolean place() {
            return (flags & PLACE) != 0;
        }

        /** Whether some public-figure phrase starts with this word (a cheap test before building phrases). */
        public boolean startsPublicFigure() {
            return (flags & PUBLIC_FIGURE_START) != 0;
        }

        /** {@link Lexicon#isFunctionWord}. */
        public boolean function() {
            return (flags & FUNCTION) != 0;
        }
    }

    private Lexicon(Map<String, Integer> firstNames, Set<String> commonWords, Set<String> notNames, Set<String> places,
            Set<String> publicFigures) {
        this.publicFigures = publicFigures;
        int longest = 1;
        Set<String> firstWords = new HashSet<>();
        for (String p : publicFigures) {
            String[] phrase = p.split(" ");
            longest = Math.max(longest, phrase.length);
            firstWords.add(phrase[0]);
        }
        this.longestPublicFigure = longest;
        // Per word: its flags, then its first-name count.
        Map<String, int[]> merged = new HashMap<>(firstNames.size() + commonWords.size());
        firstNames.forEach((w, n) -> merged.computeIfAbsent(w, k -> new int[2])[1] = n);
        mark(merged, commonWords, Word.COMMON);
        mark(merged, notNames, Word.NOT_NAME);
        mark(merged, places, Word.PLACE);
        mark(merged, firstWords, Word.PUBLIC_FIGURE_START);
        mark(merged, FUNCTION_WORDS, Word.FUNCTION);
        // One Word per distinct answer: most words differ only by their count, and many share that too.
        Map<Long, Word> distinct = new HashMap<>();
        Map<String, Word> byWord = new HashMap<>(merged.size() * 4 / 3 + 1);
        merged.forEach((w, fc) -> byWord.put(w,
                distinct.computeIfAbsent(((long) fc[0] << 32) | fc[1], k -> new Word(fc[0], fc[1]))));
        this.words = byWord;
    }

    private static void mark(Map<String, int[]> merged, Set<String> list, int flag) {
        for (String w : list) {
            merged.computeIfAbsent(w, k -> new int[2])[0] |= flag;
        }
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

    /** What the lists say of a lower-case word: one lookup. */
    public Word word(String lower) {
        Word w = words.get(lower);
        return w == null ? Word.NONE : w;
    }

    /** {@link #word} of the view's token (or {@link Word#NONE} outside the text), looked up once per view. */
    public Word at(TextView v, int token) {
        if (token < 0 || token >= v.tokenCount()) {
            return Word.NONE;
        }
        Word[] known = v.lexicalWords(this);
        Word w = known[token];
        if (w == null) {
            w = word(v.word(token));
            known[token] = w;
        }
        return w;
    }

    /** Babies given this first name in England and Wales 1996-2024 (0 if never, or fewer than 3 a year). */
    public int firstNameCount(String lower) {
        return word(lower).firstNameCount();
    }

    public boolean isCommonWord(String lower) {
        return word(lower).common();
    }

    public boolean isNotName(String lower) {
        return word(lower).notName();
    }

    public boolean isPlace(String lower) {
        return word(lower).place();
    }

    public boolean isPublicFigure(String lowerPhrase) {
        return publicFigures.contains(lowerPhrase);
    }

    /** Whether some public-figure phrase starts with this word (a cheap test before building phrases). */
    public boolean startsPublicFigure(String lower) {
        return word(lower).startsPublicFigure();
    }

    /** Words in the longest public-figure phrase, so the name layer knows how far to look. */
    public int longestPublicFigure() {
        return longestPublicFigure;
    }
}
