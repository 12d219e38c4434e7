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

    private SafeguardingDetector(List<Pattern> hyperbole, List<Rule> rules) {
        this.hyperbole = List.copyOf(hyperbole);
        this.rules = List.copyOf(rules);
    }

    /** Loads and compiles the shipped rules. */
    public static SafeguardingDetector load() {
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
        return new SafeguardingDetector(hyperbole, rules);
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
            for (int s : starts) {
                if (s >= 0 && m.region(s, normalised.length()).lookingAt()) {
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
            for (int s : starts) {
                if (s >= 0 && m.region(s, normalised.length()).lookingAt()) {
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
    private static int[] wordStarts(char[] chars) {
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

    private static char[] normalise(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = c == '\u2019' || c == '\u2018' ? '\'' : Character.toLowerCase(c);
        }
        return chars;
    }
}
