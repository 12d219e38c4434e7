package uk.childvoice.anonymiser.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import uk.childvoice.anonymiser.service.recognizer.DateOfBirthRecognizer;
import uk.childvoice.anonymiser.service.recognizer.EmailRecognizer;
import uk.childvoice.anonymiser.service.recognizer.IdNumberRecognizer;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.NameRecognizer;
import uk.childvoice.anonymiser.service.recognizer.OwnSchoolRecognizer;
import uk.childvoice.anonymiser.service.recognizer.PersonTagger;
import uk.childvoice.anonymiser.service.recognizer.PhoneRecognizer;
import uk.childvoice.anonymiser.service.recognizer.PlaceRecognizer;
import uk.childvoice.anonymiser.service.recognizer.PostcodeRecognizer;
import uk.childvoice.anonymiser.service.recognizer.Recognizer;
import uk.childvoice.anonymiser.service.recognizer.SchoolRecognizer;
import uk.childvoice.anonymiser.service.recognizer.SocialHandleRecognizer;
import uk.childvoice.anonymiser.service.recognizer.TextView;
import uk.childvoice.anonymiser.service.recognizer.UrlRecognizer;

/**
 * Replaces every identifier in a child's free text with its type tag. Layers run in order of
 * certainty (patterns with validators, then gazetteers with context rules, then a small caseless
 * person tagger for words no gazetteer knows); overlapping finds are
 * resolved longest-first. Plain Java so that the stream, the REST endpoint and the evaluation
 * command run exactly the same code. Thread-safe; build once.
 */
public final class FreeTextScrubber {
    private static final Comparator<DetectedEntity> LONGEST_FIRST = Comparator
            .comparingInt(DetectedEntity::length).reversed()
            // On a tie the more specific finding wins: "Hope Academy" is a school before it is a person.
            .thenComparingInt(e -> e.type() == EntityType.PERSON ? 1 : 0)
            .thenComparingInt(e -> e.type().ordinal())
            .thenComparingInt(DetectedEntity::start);

    private final List<Recognizer> recognizers;

    /** The default pipeline: every layer, with the shipped person tagger (loaded here, once). */
    public FreeTextScrubber(Lexicon lexicon) {
        this(lexicon, PersonTagger.load());
    }

    /** @param tagger the statistical name layer, or null for rules and gazetteers only */
    public FreeTextScrubber(Lexicon lexicon, PersonTagger tagger) {
        this.recognizers = List.of(
                new EmailRecognizer(),
                new UrlRecognizer(),
                new SocialHandleRecognizer(lexicon),
                new PhoneRecognizer(),
                new IdNumberRecognizer(),
                new PostcodeRecognizer(),
                new DateOfBirthRecognizer(),
                new PlaceRecognizer(lexicon),
                new OwnSchoolRecognizer(lexicon),
                new SchoolRecognizer(lexicon),
                new NameRecognizer(lexicon, tagger));
    }

    /** Scrubs text with no known school. */
    public ScrubResult scrub(String text) {
        return scrub(text, List.of());
    }

    /**
     * @param ownSchools the school names this child gave elsewhere in the response, removed wherever
     *                   they appear in the text
     */
    public ScrubResult scrub(String text, List<String> ownSchools) {
        if (text == null || text.isEmpty()) {
            return new ScrubResult(text == null ? "" : text, List.of());
        }
        List<DetectedEntity> entities = detect(new TextView(text, ownSchools));
        if (entities.isEmpty()) {
            return new ScrubResult(text, entities);
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (DetectedEntity e : entities) {
            out.append(text, at, e.start()).append(e.type().tag());
            at = e.end();
        }
        out.append(text, at, text.length());
        return new ScrubResult(out.toString(), entities);
    }

    /** The identifiers in the text, non-overlapping and in text order. */
    public List<DetectedEntity> detect(TextView view) {
        List<DetectedEntity> found = new ArrayList<>();
        for (Recognizer r : recognizers) {
            r.recognize(view, found);
        }
        if (found.size() <= 1) {
            return found;
        }
        found.sort(LONGEST_FIRST);
        List<DetectedEntity> kept = new ArrayList<>(found.size());
        for (DetectedEntity candidate : found) {
            boolean clash = false;
            for (DetectedEntity k : kept) {
                if (k.overlaps(candidate)) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(DetectedEntity::start));
        return kept;
    }
}
