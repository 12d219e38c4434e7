package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.anonymiser.evaluation.GoldExample;
import uk.childvoice.anonymiser.evaluation.SafeguardingEvaluation;
import uk.childvoice.contracts.v1.SafeguardingCategory;

class SafeguardingDetectorTest {
    private static final SafeguardingDetector DETECTOR = SafeguardingDetector.load();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            my step dad hits me when mum is out              | PHYSICAL_ABUSE
            a man online keeps asking me for pics            | GROOMING_EXPLOITATION
            he says not to tell anyone                       | GROOMING_EXPLOITATION
            my step dad touches me and i dont like it        | SEXUAL_ABUSE
            i want to kill myself                            | SUICIDE
            I Don’t Want To Be Alive Anymore                 | SUICIDE
            i cut myself when i feel sad                     | SELF_HARM
            there is no food at home most days               | NEGLECT
            my dad hits my mum                               | DOMESTIC_ABUSE
            people at school tell me to kill myself          | SEVERE_BULLYING
            """)
    void flagsChildrensPhrasing(String text, SafeguardingCategory category) {
        SafeguardingAssessment a = DETECTOR.assess(text.strip());
        assertThat(a.flag()).isTrue();
        assertThat(a.categories()).contains(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "this homework is killing me",
        "my mum will kill me if i fail my exams",
        "i was dying of laughter",
        "i hit the ball really far in rounders",
        "i kill zombies in minecraft",
        "i want to cut my hair short",
        "my teacher asked for photos of our science project",
        "i dont want to live in a city when im older",
        "we talked about suicide prevention in assembly"})
    void ignoresHyperboleAndOrdinaryLife(String text) {
        assertThat(DETECTOR.assess(text).flag()).isFalse();
    }

    @Test
    void everyLabelledDisclosurePassesTheCheapGate() {
        // The trigger stems are a speed gate: a disclosure the gate drops can never be flagged.
        for (SafeguardingEvaluation.Labelled l : SafeguardingEvaluation.read()) {
            if (!l.label().equals("NONE")) {
                assertThat(DETECTOR.assess(l.text()).flag()).as(l.text()).isTrue();
            }
        }
    }

    /** Every answer of the labelled safeguarding set and of both scrubber corpora, as written. */
    private static List<String> corpusTexts() {
        List<String> texts = new ArrayList<>();
        SafeguardingEvaluation.read().forEach(l -> texts.add(l.text()));
        GoldExample.readJsonl("eval/child-style/child-style.jsonl").forEach(g -> texts.add(g.text()));
        GoldExample.readJsonl("eval/presidio-research/synth_dataset_v2.jsonl").forEach(g -> texts.add(g.text()));
        return texts;
    }

    @Test
    void startFiltersNeverSkipAWordWherePatternMatches() {
        List<Pattern> patterns = DETECTOR.patterns();
        long starts = 0;
        long allowed = 0;
        long matches = 0;
        // The detector's own input: its normalised text and its word starts.
        List<char[]> normalised = new ArrayList<>();
        corpusTexts().forEach(text -> normalised.add(SafeguardingDetector.normalise(text)));
        for (Pattern pattern : patterns) {
            SafeguardingDetector.StartFilter filter = SafeguardingDetector.StartFilter.of(pattern);
            assertThat(filter).as("no start filter (a lookbehind?): %s", pattern.pattern()).isNotNull();
            Matcher m = pattern.matcher("");
            for (char[] chars : normalised) {
                String lower = new String(chars);
                m.reset(lower).useTransparentBounds(true).useAnchoringBounds(false);
                for (int s : SafeguardingDetector.wordStarts(chars)) {
                    starts++;
                    boolean mayStart = filter.mayStartAt(chars, s);
                    allowed += mayStart ? 1 : 0;
                    if (m.region(s, chars.length).lookingAt()) {
                        matches++;
                        assertThat(mayStart).as("%s at %d of \"%s\"", pattern.pattern(), s, lower).isTrue();
                    }
                }
            }
        }
        assertThat(matches).as("the corpora must hold matches, or this proves little").isGreaterThan(100);
        System.out.printf("start filters: %d of %d (pattern, word) pairs left to try, %d matches%n", allowed, starts, matches);
        // And the filters must filter: at most a tenth of (pattern, word) pairs are left to try.
        assertThat(allowed).isLessThan(starts / 10);
    }

    @Test
    void startFiltersChangeNoAssessment() {
        SafeguardingDetector everyStart = SafeguardingDetector.load(false);
        int flagged = 0;
        for (String text : corpusTexts()) {
            SafeguardingAssessment expected = everyStart.assess(text);
            assertThat(DETECTOR.assess(text)).as(text).isEqualTo(expected);
            flagged += expected.flag() ? 1 : 0;
        }
        assertThat(flagged).as("the corpora must hold disclosures, or this proves little").isGreaterThan(50);
    }
}
