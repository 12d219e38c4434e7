package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.Set;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * People's names, built for children's writing. A token that is an ONS first name and not an
 * ordinary word ("olivia", "mohammed") is a name anywhere; one that is also a word ("will", "grace",
 * "hope", "summer", "jack") or a month, place or txt-speak word needs context: an introduction ("my
 * name is", "called"), a relation ("my friend", "my step dad"), a title ("mrs"), a capital in the
 * middle of a sentence of cased text, a following verb of speech ("said"), coordination with another
 * name ("olivia and grace", "me and hope"). Any word after "my name is", a relation or a title that
 * is not an ordinary word is a name too. A known surname shape after a first name joins it. Public
 * figures and fictional characters ("harry kane", "harry potter") stay, as the analysts need them.
 * Words that no gazetteer knows (surnames, unlisted first names) go to the small caseless
 * {@link PersonTagger} when one is given; it can only add names, never remove one.
 */
public final class NameRecognizer implements Recognizer {
    /** ONS counts (1996-2024) below this are too rare to outweigh the chance of matching a misspelling. */
    static final int MIN_COUNT = 15;
    private static final Set<String> RELATIONS = Set.of(
            "friend", "friends", "mate", "mates", "bestie", "besties", "bff", "bf", "gf", "boyfriend", "girlfriend",
            "brother", "bro", "brothers", "sister", "sis", "sisters", "cousin", "cousins", "mum", "mom", "mam", "mummy",
            "mommy", "dad", "daddy", "nan", "nana", "nanny", "nanna", "gran", "granny", "grandma", "grandad", "grandpa",
            "grandmother", "grandfather", "auntie", "aunty", "aunt", "uncle", "stepdad", "stepmum", "stepmom",
            "stepbrother", "stepsister", "teacher", "carer", "worker", "keyworker", "neighbour", "neighbor", "crush",
            "partner", "twin", "son", "daughter", "pal", "buddy", "tutor", "coach", "counsellor", "counselor",
            "therapist", "mentor", "classmate", "godmother", "godfather", "step-dad", "step-mum", "half-brother",
            "half-sister", "babysitter", "childminder", "ex", "niece", "nephew");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "miss", "ms", "mx", "dr", "sir", "mister", "missus", "madam");
    private static final Set<String> INTRO_BEFORE = Set.of("called", "named", "name's", "names", "nickname", "aka", "call");
    private static final Set<String> SPEECH_AFTER = Set.of(
            "said", "says", "told", "tells", "texted", "messaged", "helped", "helps", "asked", "thinks", "laughed",
            "cried", "shouted", "whispered", "replied", "agreed", "knows", "lives", "came", "plays");
    /** Words that make "will", "may", "can" ... after a relation a verb again: "my friend will be there". */
    private static final Set<String> VERB_AFTER_MODAL = Set.of(
            "be", "go", "help", "get", "have", "come", "do", "make", "play", "always", "never", "not", "probably",
            "definitely", "still", "also", "just", "you", "i", "we", "they", "he", "she", "it", "see", "say", "try",
            "give", "take", "let", "stay", "look", "need", "want", "start", "keep", "find", "tell", "know", "think",
            "feel", "become", "leave", "move", "live", "work", "the", "a", "me", "us", "them", "him", "her");
    /** Words that end a school, street or place name and so are never a surname ("Hope Academy"). */
    private static final Set<String> INSTITUTION_WORDS = Set.of(
            "academy", "school", "college", "primary", "high", "juniors", "infants", "road", "street", "avenue", "lane",
            "close", "drive", "house", "lodge", "ward", "unit", "centre", "hospital", "park", "grove", "way", "court");
    /** True modal verbs: never the start of "first name + surname". */
    private static final Set<String> TRUE_MODALS = Set.of("will", "may", "can");
    private static final Set<String> MODAL_NAMES = Set.of("will", "may", "can", "bill", "mark", "sue", "pat", "rob");

    private final Lexicon lexicon;
    private final PersonTagger tagger;

    /** Gazetteers with context only. */
    public NameRecognizer(Lexicon lexicon) {
        this(lexicon, null);
    }

    /**
     * @param tagger the statistical layer for words no gazetteer settles (surnames, unlisted first
     *               names, handles written "@ name"), or null for gazetteers only
     */
    public NameRecognizer(Lexicon lexicon, PersonTagger tagger) {
        this.lexicon = lexicon;
        this.tagger = tagger;
    }

    @Override
    public void recognize(TextView v, List<DetectedEntity> out) {
        int n = v.tokenCount();
        if (n == 0) {
            return;
        }
        boolean[] famous = publicFigures(v);
        boolean[] name = new boolean[n];
        boolean[] candidate = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (famous[i]) {
                continue;
            }
            String w = v.word(i);
            Lexicon.Word lw = lexicon.at(v, i);
            if (!isWordy(w) || lw.function() && !MODAL_NAMES.contains(w) || TITLES.contains(w)
                    || INSTITUTION_WORDS.contains(w)) {
                continue;
            }
            boolean known = lw.firstNameCount() >= MIN_COUNT;
            boolean ordinary = lw.common() || lw.notName() || lw.place() || w.length() <= 2 || lw.function();
            if (known && !ordinary) {
                // A name in lower case inside cased text ("i love rose gold") is less likely; still a name for children.
                name[i] = true;
                continue;
            }
            boolean context = strongContext(v, i, w);
            if (context && lw.notName() && !introduced(v, i)) {
                context = false;
            }
            if (context && (lw.firstNameCount() > 0 || !ordinary)) {
                name[i] = true;
            } else if (known) {
                candidate[i] = true;
                // "mark wright", "grace mensah": an ambiguous first name followed by a surname-shaped word.
                if (!lw.notName() && i + 1 < n && v.adjacent(i, i + 1) && !famous[i + 1] && surname(v, i + 1)
                        && lexicon.at(v, i + 1).firstNameCount() < MIN_COUNT && !TRUE_MODALS.contains(w)) {
                    name[i] = true;
                    continue;
                }
                if (!lw.notName() && !lw.place() && weakContext(v, i)) {
                    name[i] = true;
                }
            }
        }
        if (tagger != null) {
            // The model only adds names, and only on words no gazetteer knows (see PersonTagger.eligible).
            int[] scratch = null;
            int band = 0;
            for (int i = 0; i < n; i++) {
                if (!name[i] && !famous[i] && PersonTagger.eligible(v, i, lexicon)) {
                    if (scratch == null) {
                        scratch = new int[PersonTagger.MAX_FEATURES];
                        band = PersonTagger.englishBand(v, lexicon);
                    }
                    name[i] = tagger.isName(v, i, lexicon, band, scratch);
                }
            }
        }
        // Coordination: "olivia and grace", "grace, jack and olivia": an ambiguous name next to a sure one.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                boolean verbAfter = MODAL_NAMES.contains(v.word(i)) && VERB_AFTER_MODAL.contains(v.wordAt(i + 1));
                if (candidate[i] && !name[i] && !lexicon.at(v, i).notName() && !verbAfter) {
                    if (linked(v, name, i, i + 1, i + 2) || linked(v, name, i, i - 1, i - 2)) {
                        name[i] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!name[i]) {
                continue;
            }
            int last = i;
            while (last + 1 < n && name[last + 1] && v.adjacent(last, last + 1)) {
                last++;
            }
            if (last + 1 < n && !famous[last + 1] && v.adjacent(last, last + 1) && surname(v, last + 1)) {
                last++;
            }
            int end = v.start(last) + v.word(last).length();
            out.add(new DetectedEntity(v.start(i), Math.max(end, v.start(last) + 1), EntityType.PERSON));
            i = last;
        }
    }

    private boolean[] publicFigures(TextView v) {
        int n = v.tokenCount();
        boolean[] famous = new boolean[n];
        int longest = lexicon.longestPublicFigure();
        for (int i = 0; i < n; i++) {
            if (!lexicon.at(v, i).startsPublicFigure()) {
                continue;
            }
            StringBuilder phrase = new StringBuilder(v.word(i));
            int matchedTo = lexicon.isPublicFigure(phrase.toString()) ? i : -1;
            for (int j = i + 1; j < n && j - i < longest; j++) {
                phrase.append(' ').append(v.word(j));
                if (lexicon.isPublicFigure(phrase.toString())) {
                    matchedTo = j;
                }
            }
            for (int j = i; j <= matchedTo; j++) {
                famous[j] = true;
            }
        }
        return famous;
    }

    /** "my name is X", "called X", "mrs X": the only contexts that make even a month or a txt word a name. */
    private static boolean introduced(TextView v, int i) {
        String p1 = v.wordAt(i - 1);
        String p2 = v.wordAt(i - 2);
        return p1.equals("is") && p2.equals("name") || INTRO_BEFORE.contains(p1) || TITLES.contains(p1) && !p1.equals("miss");
    }

    /** Introductions, relations and titles right before the token. */
    private boolean strongContext(TextView v, int i, String w) {
        String p1 = v.wordAt(i - 1);
        String p2 = v.wordAt(i - 2);
        String p3 = v.wordAt(i - 3);
        String next = v.wordAt(i + 1);
        boolean modal = MODAL_NAMES.contains(w);
        if (modal && VERB_AFTER_MODAL.contains(next)) {
            return false;
        }
        if (p1.equals("is") && p2.equals("name") || p1.equals("was") && p2.equals("name") || INTRO_BEFORE.contains(p1)
                || p1.equals("me") && p2.equals("call")) {
            return true;
        }
        if (TITLES.contains(p1)) {
            // "i miss grace" is a verb, "miss grace said" a title.
            return !(p1.equals("miss") && (p2.equals("i") || p2.equals("really") || p2.equals("will") || p2.equals("dont")
                    || p2.equals("don't") || p2.equals("we") || p2.equals("still") || p2.equals("so")));
        }
        if (RELATIONS.contains(p1) && (p2.equals("my") || p2.equals("our") || p2.equals("best") || p2.equals("his")
                || p2.equals("her") || p2.equals("step") || p2.equals("little") || p2.equals("big") || p2.equals("older")
                || p2.equals("younger") || p2.equals("baby") || p2.equals("new") || p2.equals("old") || p2.equals("a")
                || p2.equals("and") || p2.equals("with") || RELATIONS.contains(p2))) {
            return !modal || !VERB_AFTER_MODAL.contains(next);
        }
        if ((p1.equals("called") || p1.equals("named") || p1.equals("is")) && RELATIONS.contains(p2)
                && (p3.equals("my") || p3.equals("best") || p3.equals("our"))) {
            return true;
        }
        if ((p1.equals("im") || p1.equals("i'm") || p1.equals("am") && p2.equals("i")) && i == 1 + (p1.equals("am") ? 1 : 0)
                + (p2.equals("hi") || p2.equals("hello") ? 1 : 0)) {
            return true;
        }
        if (p1.equals("and") && (p2.equals("me") || p2.equals("i")) || next.equals("and") && (v.wordAt(i + 2).equals("me")
                || v.wordAt(i + 2).equals("i") && !v.wordAt(i + 3).equals("am"))) {
            return !modal;
        }
        return false;
    }

    /** Weaker signals for ambiguous names: a mid-sentence capital in cased text, a verb of speech after. */
    private boolean weakContext(TextView v, int i) {
        if (!v.mostlyLowerCase() && v.capitalised(i) && !v.allCaps(i) && !v.sentenceStart(i)
                && !v.wordAt(i - 1).equals("i")) {
            return true;
        }
        String next = v.wordAt(i + 1);
        return SPEECH_AFTER.contains(next) && !MODAL_NAMES.contains(v.word(i));
    }

    private static boolean linked(TextView v, boolean[] name, int i, int via, int other) {
        if (via < 0 || via >= v.tokenCount() || other < 0 || other >= v.tokenCount()) {
            return false;
        }
        String joiner = v.word(via);
        return (joiner.equals("and") || joiner.equals("or") || joiner.equals("n") || joiner.equals("&")) && name[other];
    }

    /** A token that can follow a first name as its surname. */
    private boolean surname(TextView v, int t) {
        String w = v.word(t);
        Lexicon.Word lw = lexicon.at(v, t);
        if (!isWordy(w) || w.length() < 2 || lw.function() || lw.notName() || lw.place()
                || INSTITUTION_WORDS.contains(w) || TITLES.contains(w)) {
            return false;
        }
        if (!v.mostlyLowerCase()) {
            return v.capitalised(t) && (!lw.common() || lw.firstNameCount() > 0 || v.capitalised(t));
        }
        return !lw.common();
    }

    private static boolean isWordy(String w) {
        if (w.length() < 2) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isLetter(c) && c != '\'' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
