package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Named schools and colleges in any text: name words followed by a school word ("oakwood primary",
 * "St Mary's C of E Primary School", "kingsmead academy"). The name words are the run just before the
 * school word that contains no function word, so "my primary school", "high school", "after school
 * club" and "forest school" stay.
 */
public final class SchoolRecognizer implements Recognizer {
    private static final Pattern SCHOOL = Pattern.compile(
            "\\b(?:(?:c\\s?of\\s?e|ce|rc|church of england|catholic|methodist|community|junior|infant|infants|primary|secondary|high|grammar|middle|sixth form|free|church)\\s+)*"
                    + "(?:primary school|secondary school|high school|junior school|infant school|grammar school|school|academy|college|primary|juniors|infants|high|grammar|sixth form)\\b");
    private static final Set<String> NOT_SCHOOL_NAME = Set.of(
            "primary", "secondary", "high", "junior", "juniors", "infant", "infants", "grammar", "middle", "new", "old",
            "local", "nearest", "after", "before", "boarding", "forest", "sunday", "summer", "holiday", "home", "driving",
            "dance", "drama", "music", "art", "football", "rugby", "special", "sen", "private", "state", "public",
            "catholic", "church", "community", "free", "sixth", "form", "uni", "university", "whole", "entire", "mainstream",
            "alternative", "pru", "online", "current", "last", "next", "previous", "first", "second", "different", "good",
            "bad", "best", "worst", "great", "nice", "strict", "normal", "year", "years", "elementary", "nursery",
            "pre", "film", "police", "army", "cooking", "swimming", "coding", "language", "ballet", "gymnastics", "martial",
            "arts", "stage", "theatre", "performing", "my", "our", "your", "their", "his", "her", "the", "a", "an",
            "at", "to", "in", "from", "for", "of", "go", "goes", "went", "hate", "love", "like", "fine", "ok", "okay");
    private static final Set<String> SCHOOL_WORDS = Set.of("school", "academy", "college");

    private final Lexicon lexicon;

    public SchoolRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        if (!(lower.contains("school") || lower.contains("academy") || lower.contains("college") || lower.contains("primary")
                || lower.contains("high") || lower.contains("grammar") || lower.contains("junior") || lower.contains("infant"))) {
            return;
        }
        Matcher m = SCHOOL.matcher(lower);
        while (m.find()) {
            int first = view.tokenAtOrAfter(m.start());
            int nameStart = first;
            int t = first - 1;
            int words = 0;
            boolean distinctive = false;
            while (t >= 0 && words < 4 && view.adjacent(t, t + 1) && !NOT_SCHOOL_NAME.contains(view.word(t))
                    && !lexicon.at(view, t).function() && !isNumber(view.word(t))) {
                String w = view.word(t);
                Lexicon.Word lw = lexicon.at(view, t);
                if (!lw.common() || lw.place() || w.equals("st") || w.equals("saint") || lw.firstNameCount() > 0
                        || (!view.mostlyLowerCase() && view.capitalised(t) && !view.sentenceStart(t))) {
                    distinctive = true;
                }
                nameStart = t;
                t--;
                words++;
            }
            if (nameStart == first) {
                continue;
            }
            String schoolWord = lower.substring(m.start(), m.end());
            boolean explicitSchool = SCHOOL_WORDS.stream().anyMatch(schoolWord::endsWith);
            // "oak primary" / "hill high" in lower case could be anything; with "school", "academy" or capitals it is a school.
            if (distinctive || explicitSchool && words >= 1 && !view.mostlyLowerCase() && view.capitalised(nameStart)) {
                out.add(new DetectedEntity(view.start(nameStart), m.end(), EntityType.SCHOOL));
            } else if (explicitSchool && words >= 2) {
                out.add(new DetectedEntity(view.start(nameStart), m.end(), EntityType.SCHOOL));
            }
        }
    }

    private static boolean isNumber(String w) {
        return !w.isEmpty() && Character.isDigit(w.charAt(0));
    }
}
