package uk.childvoice.anonymiser.service.recognizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * The school the child named in the school question, wherever it appears in their own free text:
 * the full name, and its distinctive core without the generic words ("Oakwood" for "Oakwood Primary
 * School") when that core is not an ordinary word. Matching is on tokens, so spacing, capitals and
 * apostrophes ("St Mary's" / "st marys") do not matter.
 */
public final class OwnSchoolRecognizer implements Recognizer {
    private static final Set<String> GENERIC = Set.of(
            "the", "school", "primary", "secondary", "junior", "juniors", "infant", "infants", "academy", "college",
            "high", "grammar", "community", "church", "of", "england", "c", "e", "ce", "cofe", "rc", "catholic",
            "roman", "voluntary", "aided", "controlled", "federation", "trust", "free", "upper", "lower", "middle",
            "sixth", "form", "centre", "center", "and", "nursery", "first", "specialist", "technology", "arts",
            "sports", "language", "business", "enterprise", "international", "independent", "preparatory", "prep",
            "girls", "boys", "mixed", "school's");

    private final Lexicon lexicon;

    public OwnSchoolRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        for (String school : view.ownSchools()) {
            List<String> full = canonicalTokens(school);
            if (full.isEmpty()) {
                continue;
            }
            match(view, full, out);
            List<String> core = new ArrayList<>();
            for (String t : full) {
                if (!GENERIC.contains(t)) {
                    core.add(t);
                }
            }
            if (!core.isEmpty() && core.size() < full.size() && distinctive(core)) {
                match(view, core, out);
            }
        }
    }

    /** A core that would also remove ordinary words ("Hope", "Park View") is not used on its own. */
    private boolean distinctive(List<String> core) {
        if (core.size() >= 2) {
            for (String t : core) {
                if (!lexicon.isCommonWord(t) && !t.equals("st") && !t.equals("saint")) {
                    return true;
                }
            }
            return false;
        }
        String t = core.get(0);
        return t.length() >= 4 && !lexicon.isCommonWord(t) && !lexicon.isPlace(t);
    }

    private static void match(TextView view, List<String> target, List<DetectedEntity> out) {
        int n = view.tokenCount();
        int k = target.size();
        for (int i = 0; i + k <= n; i++) {
            int j = 0;
            while (j < k && canonical(view, i + j).equals(target.get(j))) {
                j++;
            }
            if (j == k) {
                // "kingsmead primary" when the school is "Kingsmead Primary School": take the generic words that follow.
                int last = i + k - 1;
                while (last + 1 < n && GENERIC.contains(view.word(last + 1)) && !view.word(last + 1).equals("the")
                        && !view.word(last + 1).equals("and") && view.adjacent(last, last + 1)) {
                    last++;
                }
                out.add(new DetectedEntity(view.start(i), view.end(last), EntityType.SCHOOL));
            }
        }
    }

    private static String canonical(TextView view, int token) {
        String raw = view.lower().substring(view.start(token), view.end(token));
        raw = raw.indexOf('\'') >= 0 ? raw.replace("'", "") : raw;
        return raw.equals("saint") ? "st" : raw;
    }

    static List<String> canonicalTokens(String name) {
        List<String> tokens = new ArrayList<>();
        TextView v = new TextView(name.toLowerCase(Locale.ROOT), List.of());
        for (int i = 0; i < v.tokenCount(); i++) {
            tokens.add(canonical(v, i));
        }
        return tokens;
    }
}
