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
        String normalised = normalise(text);
        for (Pattern p : hyperbole) {
            Matcher m = p.matcher(normalised);
            if (m.find()) {
                normalised = m.replaceAll(" ");
            }
        }
        EnumSet<SafeguardingCategory> found = EnumSet.noneOf(SafeguardingCategory.class);
        for (Rule rule : rules) {
            if (!found.contains(rule.category()) && rule.pattern().matcher(normalised).find()) {
                found.add(rule.category());
            }
        }
        return found.isEmpty() ? SafeguardingAssessment.NONE : new SafeguardingAssessment(true, found);
    }

    private static String normalise(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = c == '\u2019' || c == '\u2018' ? '\'' : Character.toLowerCase(c);
        }
        return new String(chars);
    }
}
