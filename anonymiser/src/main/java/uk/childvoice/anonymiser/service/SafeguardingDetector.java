package uk.childvoice.anonymiser.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.contracts.v1.SafeguardingCategory;

/**
 * Spots possible disclosures (self-harm, suicide, abuse, neglect, grooming or exploitation, domestic
 * abuse, severe bullying) in a child's raw text, before it is scrubbed. Rules are phrase patterns
 * written for children's phrasing ({@code data/lexicon/safeguarding.txt}); hyperbole ("this homework
 * is killing me") is blanked out first. Tuned for recall: a person reviews every flag, while a missed
 * disclosure cannot be recovered. Thread-safe.
 */
public final class SafeguardingDetector {
    private static final String RULES = "data/lexicon/safeguarding.txt";

    private record Rule(SafeguardingCategory category, Pattern pattern) {
    }

    private final List<Pattern> hyperbole;
    private final List<Rule> rules;
    /** Per pattern (hyperbole first, then rules), the words it can start at; null: try it at every word. */
    private final StartFilter[] filters;

    private SafeguardingDetector(List<Pattern> hyperbole, List<Rule> rules, boolean filterStarts) {
        this.hyperbole = List.copyOf(hyperbole);
        this.rules = List.copyOf(rules);
        this.filters = new StartFilter[hyperbole.size() + rules.size()];
        if (filterStarts) {
            for (int i = 0; i < hyperbole.size(); i++) {
                filters[i] = StartFilter.of(hyperbole.get(i));
            }
            for (int i = 0; i < rules.size(); i++) {
                filters[hyperbole.size() + i] = StartFilter.of(rules.get(i).pattern());
            }
        }
    }

    /** Loads and compiles the shipped rules. */
    public static SafeguardingDetector load() {
        return load(true);
    }

    /**
     * @param filterStarts false: try every pattern at every word start, as before the start filters
     *     existed (for the test that shows the filters change no assessment)
     */
    static SafeguardingDetector load(boolean filterStarts) {
        List<Pattern> hyperbole = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = SafeguardingDetector.class.getClassLoader().getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RULES);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf(" | ");
                if (bar < 0) {
                    throw new IllegalStateException(RULES + ":" + number + " is not 'CATEGORY | regex'");
                }
                String kind = line.substring(0, bar).trim();
                Pattern pattern = Pattern.compile(line.substring(bar + 3).trim());
                if (kind.equals("HYPERBOLE")) {
                    hyperbole.add(pattern);
                } else {
                    rules.add(new Rule(SafeguardingCategory.valueOf(kind), pattern));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SafeguardingDetector(hyperbole, rules, filterStarts);
    }

    /** Every pattern, hyperbole first, in the order of {@code filters}. */
    List<Pattern> patterns() {
        List<Pattern> all = new ArrayList<>(hyperbole);
        rules.forEach(r -> all.add(r.pattern()));
        return all;
    }

    /** Assesses one raw answer. */
    public SafeguardingAssessment assess(String text) {
        if (text == null || text.isBlank()) {
            return SafeguardingAssessment.NONE;
        }
        char[] chars = normalise(text);
        String normalised = new String(chars);
        if (!mayDisclose(normalised)) {
            return SafeguardingAssessment.NONE;
        }
        int[] starts = wordStarts(chars);
        Matcher[] matchers = MATCHERS.get();
        if (matchers == null || matchers.length != hyperbole.size() + rules.size()) {
            matchers = new Matcher[hyperbole.size() + rules.size()];
            for (int i = 0; i < hyperbole.size(); i++) {
                matchers[i] = hyperbole.get(i).matcher("");
            }
            for (int i = 0; i < rules.size(); i++) {
                matchers[hyperbole.size() + i] = rules.get(i).pattern().matcher("");
            }
            MATCHERS.set(matchers);
        }
        boolean blanked = false;
        for (int h = 0; h < hyperbole.size(); h++) {
            Matcher m = prepare(matchers[h], normalised);
            StartFilter filter = filters[h];
            for (int s : starts) {
                if (s >= 0 && (filter == null || filter.mayStartAt(chars, s))
                        && m.region(s, normalised.length()).lookingAt()) {
                    java.util.Arrays.fill(chars, m.start(), m.end(), ' ');
                    blanked = true;
                }
            }
        }
        if (blanked) {
            normalised = new String(chars);
        }
        EnumSet<SafeguardingCategory> found = EnumSet.noneOf(SafeguardingCategory.class);
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            if (found.contains(rule.category())) {
                continue;
            }
            Matcher m = prepare(matchers[hyperbole.size() + r], normalised);
            StartFilter filter = filters[hyperbole.size() + r];
            for (int s : starts) {
                if (s >= 0 && (filter == null || filter.mayStartAt(chars, s))
                        && m.region(s, normalised.length()).lookingAt()) {
                    found.add(rule.category());
                    break;
                }
            }
        }
        return found.isEmpty() ? SafeguardingAssessment.NONE : new SafeguardingAssessment(true, found);
    }

    /** Matchers are reused per thread: about 60 patterns per answer would otherwise allocate 60 matchers. */
    private static final ThreadLocal<Matcher[]> MATCHERS = new ThreadLocal<>();

    private static Matcher prepare(Matcher m, String input) {
        m.reset(input);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return m;
    }

    /**
     * Every rule starts at a word ({@code \b}), so patterns are tried only at word starts rather than at
     * every character: about five times fewer attempts on the long alternations.
     */
    static int[] wordStarts(char[] chars) {
        int[] starts = new int[chars.length / 2 + 1];
        int n = 0;
        for (int i = 0; i < chars.length; i++) {
            if (Character.isLetterOrDigit(chars[i]) && (i == 0 || !Character.isLetterOrDigit(chars[i - 1]))) {
                starts[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    /**
     * The words a pattern can start at, told by their first two characters. Each of about 60 patterns was
     * tried at every word start of an answer, and nearly every attempt failed on the first word ("i",
     * "my", "the" ...): 48-74 µs a text, the anonymiser's largest step. Nothing in java.util.regex or a
     * library the service has answers "which of these patterns can start here", so the answer is worked
     * out once per pattern at load by asking the regex engine itself: a pattern that matches at a word
     * starting "ab…" either matches the two-character text "ab" or, on it, reads past its end
     * ({@link Matcher#hitEnd()}); if it does neither, it cannot start there. The same holds for one
     * character when the second is not a lower-case letter or digit. Characters other than a-z and 0-9
     * are not filtered. A pattern with a lookbehind gets no filter (it is tried at every word): a
     * lookbehind at the start of a two-character text sees nothing, inside an answer it sees the text.
     */
    static final class StartFilter {
        private static final int ALPHABET = 36;
        private final boolean[] byFirst = new boolean[ALPHABET];
        private final boolean[] byFirstTwo = new boolean[ALPHABET * ALPHABET];

        static StartFilter of(Pattern pattern) {
            if (pattern.pattern().contains("(?<=") || pattern.pattern().contains("(?<!")) {
                return null;
            }
            StartFilter f = new StartFilter();
            Matcher m = pattern.matcher("");
            char[] probe = new char[2];
            for (int a = 0; a < ALPHABET; a++) {
                probe[0] = symbol(a);
                f.byFirst[a] = mayMatch(m, new String(probe, 0, 1));
                if (!f.byFirst[a]) {
                    continue; // no continuation of a text that cannot even begin a match can match
                }
                for (int b = 0; b < ALPHABET; b++) {
                    probe[1] = symbol(b);
                    f.byFirstTwo[a * ALPHABET + b] = mayMatch(m, new String(probe));
                }
            }
            return f;
        }

        private static boolean mayMatch(Matcher m, String text) {
            m.reset(text);
            return m.lookingAt() || m.hitEnd();
        }

        boolean mayStartAt(char[] chars, int start) {
            int a = index(chars[start]);
            if (a < 0) {
                return true;
            }
            int b = start + 1 < chars.length ? index(chars[start + 1]) : -1;
            return b < 0 ? byFirst[a] : byFirstTwo[a * ALPHABET + b];
        }

        private static int index(char c) {
            if (c >= 'a' && c <= 'z') {
                return c - 'a';
            }
            return c >= '0' && c <= '9' ? 26 + c - '0' : -1;
        }

        private static char symbol(int index) {
            return index < 26 ? (char) ('a' + index) : (char) ('0' + index - 26);
        }
    }

    /**
     * Every rule needs one of these stems; checking them first keeps the ~60 patterns off the great
     * majority of answers. A rule added to the file must add its stem here (SafeguardingDetectorTest checks).
     */
    static final String[] TRIGGER_STEMS = {
        "hit", "beat", "punch", "kick", "slap", "smack", "whip", "chok", "strangl", "burn", "push", "shov", "hurt",
        "harm", "injur", "batter", "bruis", "marks", "scared", "afraid", "frighten", "terrif", "touch", "rape", "molest",
        "sexual", "fiddl", "interfer", "clothes", "naked", "porn", "rude", "my bed", "pic", "photo", "nude", "selfie",
        "video", "vid", "online", "on snap", "on insta", "on tiktok", "on roblox", "on fortnite", "on discord",
        "on whatsapp", "on xbox", "on my game", "on the internet", "tell", "secret", "meet", "carry", "deliver",
        "sell", "holding", "hold ", "drug", "county", "gang", "owe", "gift", "present", "alcohol", "drink", "vape",
        "money", "food", "eat", "dinner", "no tea", "breakfast", "lunch", "hungry", "starv", "feed", "fed ",
        "look after", "looks after", "take care", "wash", "clean", "alone", "on my own", "on our own", "by myself",
        "heating", "electric", "hot water", "floor", "dirty", "drunk", "high", "wasted", "passed out", "fight",
        "argu", "scream", "police", "domestic", "kill", "end it", "end my", "ending", "die", "dying", "dead",
        "suicid", "suicd", "sucide", "suiside", "kms", "alive", "live", "exist", "wake up", "disappear", "born",
        "better off", "no point", "no reason", "overdose", "hang", "jump", "cut", "scratch", "sick", "throw up",
        "purg", "myself", "bull", "threaten", "spit", "stab", "set fire", "shared", "spread", "nobody", "no one",
        "noone", "threw", "throw", "smash", "lies", "messag", "asking", "my age", "gets into", "comes into",
        "climbs into", "boyfriend", "girlfriend", "robux", "vbucks", "v-bucks"};

    private static boolean mayDisclose(String normalised) {
        for (String stem : TRIGGER_STEMS) {
            if (normalised.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    static char[] normalise(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = c == '\u2019' || c == '\u2018' ? '\'' : Character.toLowerCase(c);
        }
        return chars;
    }
}
