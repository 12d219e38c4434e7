package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Street addresses ("12 acacia avenue", ADDRESS) and small named places (PLACE_SMALL): a street
 * without a number ("i live on acacia avenue"), a named children's home, secure unit, house, lodge
 * or hospital ward ("rainbow ward", "ward 7", "Oak House"). The words before the street or place word
 * must be a name, not "the", "my", "big" or "goals in the": that is what keeps "3 goals in the park".
 */
public final class PlaceRecognizer implements Recognizer {
    private static final String STREET = "(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|grove|place|court|ct"
            + "|gardens|gdns|terrace|walk|row|mews|hill|view|square|rise|parade|green|croft|fold|wynd|vale|meadows?|park|estate)";
    private static final Pattern NUMBERED = Pattern.compile(
            "(?<![\\d.,£$])(?:flat\\s+\\d+[a-z]?,?\\s+)?(\\d{1,4}[a-z]?),?\\s+((?:[a-z'-]+\\s+){1,3})" + STREET + "\\b");
    private static final Pattern UNNUMBERED = Pattern.compile(
            "\\b(?:live|lives|living|lived|stay|stays|staying|moved)\\s+(?:on|in|at|to|off)\\s+((?:[a-z'-]+\\s+){1,5})" + STREET + "\\b");
    private static final Pattern CAPITALISED_STREET = Pattern.compile(
            "\\b((?:[A-Z][a-z'-]+\\s+){1,3})(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews|Rise|Way)\\b");
    private static final Pattern NAMED_PLACE = Pattern.compile(
            "\\b((?:[a-z'-]+\\s+){1,3})(?:children'?s home|care home|secure unit|secure (?:children'?s )?home|unit|house|lodge|ward|centre|hostel|yoi)\\b");
    private static final Pattern WARD_NUMBER = Pattern.compile("\\b(?:ward|unit)\\s+(?:\\d{1,3}[a-z]?|[a-z]\\d{0,2})\\b");
    private static final Set<String> NOT_A_PLACE_NAME = Set.of(
            "nan", "nans", "nana", "gran", "grans", "grandma", "grandmas", "grandad", "grandads", "mum", "mums", "dad",
            "dads", "friend", "friends", "mates", "cousin", "cousins", "aunt", "aunts", "auntie", "aunties", "uncle",
            "uncles", "nanas", "nannas", "grannys", "foster", "childrens", "children's", "care", "secure", "kids", "youth", "community", "leisure",
            "sports", "play", "tree", "dog", "dogs", "haunted", "doll", "dolls", "white", "full", "whole", "school",
            "mental", "health", "hospital", "council", "police", "fire", "shopping", "job", "medical", "day", "night",
            "family", "safe", "open", "boarding", "in", "on", "at", "own", "main", "high", "back", "front", "dead",
            "end", "one", "way", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "goal", "goals",
            "points", "minutes", "hours", "years", "days", "weeks", "times", "people", "cars", "trees", "houses");

    private final Lexicon lexicon;

    public PlaceRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        Matcher m;
        if (view.digits() > 0) {
            m = NUMBERED.matcher(lower);
            while (m.find()) {
                if (nameWords(m.group(2), false)) {
                    out.add(new DetectedEntity(m.start(), m.end(), EntityType.ADDRESS));
                }
            }
        }
        m = UNNUMBERED.matcher(lower);
        while (view.containsAny("liv", "stay", "moved") && m.find()) {
            int start = trimLeadingFunctionWords(lower, m.start(1), m.end(1));
            if (start >= 0 && nameWords(lower.substring(start, m.end(1)), false)) {
                out.add(new DetectedEntity(start, m.end(), EntityType.PLACE_SMALL));
            }
        }
        if (!view.mostlyLowerCase()) {
            m = CAPITALISED_STREET.matcher(view.text());
            while (m.find()) {
                if (nameWords(lower.substring(m.start(1), m.end(1)), false) && !view.text().startsWith("The ", m.start(1))) {
                    out.add(new DetectedEntity(m.start(), m.end(), EntityType.PLACE_SMALL));
                }
            }
        }
        if (lower.contains("home") || lower.contains("unit") || lower.contains("house") || lower.contains("lodge")
                || lower.contains("ward") || lower.contains("centre") || lower.contains("hostel") || lower.contains("yoi")) {
            m = NAMED_PLACE.matcher(lower);
            while (m.find()) {
                int start = trimLeadingFunctionWords(lower, m.start(1), m.end(1));
                boolean ward = lower.startsWith("ward", m.end(1));
                if (start >= 0 && nameWords(lower.substring(start, m.end(1)), !ward)) {
                    out.add(new DetectedEntity(start, m.end(), EntityType.PLACE_SMALL));
                }
            }
            m = WARD_NUMBER.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.PLACE_SMALL));
            }
        }
    }

    private static String possessive(String w) {
        return w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
    }

    /**
     * Keeps the run of name words just before the place word: "my keyworker dan at willow " becomes
     * "willow "; -1 if the word right before is "the", "my", "nan's" and so on.
     */
    private static int trimLeadingFunctionWords(String lower, int start, int end) {
        int wordEnd = end;
        while (wordEnd > start && lower.charAt(wordEnd - 1) == ' ') {
            wordEnd--;
        }
        int keep = -1;
        int at = wordEnd;
        while (at > start) {
            int space = lower.lastIndexOf(' ', at - 1);
            int wordStart = Math.max(space + 1, start);
            String word = possessive(lower.substring(wordStart, at));
            if (word.isEmpty() || Lexicon.isFunctionWord(word) || NOT_A_PLACE_NAME.contains(word)) {
                break;
            }
            keep = wordStart;
            at = space < start ? start : space;
            while (at > start && lower.charAt(at - 1) == ' ') {
                at--;
            }
        }
        return keep;
    }

    /**
     * Whether the words can be a street or place name: no function words or relation words; for
     * houses and wards (strict) at least one word must not be ordinary English ("Oak House" is
     * not enough in lower case; "larkspur house" is).
     */
    private boolean nameWords(String words, boolean strict) {
        String[] parts = words.trim().split("\\s+");
        boolean distinctive = false;
        for (String part : parts) {
            String w = possessive(part);
            if (w.isEmpty() || Lexicon.isFunctionWord(w) || NOT_A_PLACE_NAME.contains(w)) {
                return false;
            }
            if (!lexicon.isCommonWord(w) || lexicon.firstNameCount(w) > 0) {
                distinctive = true;
            }
        }
        return !strict || distinctive;
    }
}
