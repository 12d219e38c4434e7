package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.childvoice.anonymiser.evaluation.GoldExample;
import uk.childvoice.anonymiser.evaluation.Scorecard;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.TextView;

/** The quality targets on the child-style gold set, so a rule change that breaks them fails the build. */
class ScrubberQualityTest {
    @Test
    void meetsTargetsOnChildStyleGoldSet() {
        FreeTextScrubber scrubber = new FreeTextScrubber(Lexicon.load());
        Scorecard card = Scorecard.score(GoldExample.readJsonl("eval/child-style/child-style.jsonl"),
                text -> scrubber.detect(new TextView(text, List.of())));
        assertThat(card.contact().recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(card.contact().precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(card.type("PERSON").recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(card.type("PERSON").precision()).isGreaterThanOrEqualTo(0.75);
        assertThat(card.any().f2()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void meetsNamesTargetOnLowerCasedTwitterCorpusHeldOutSections() {
        // BTC sections A and B: never used to train or tune the person tagger (see PersonTaggerTrainer).
        FreeTextScrubber scrubber = new FreeTextScrubber(Lexicon.load());
        List<GoldExample> gold = new java.util.ArrayList<>();
        for (String section : List.of("a", "b")) {
            GoldExample.readJsonl("eval/broad-twitter-corpus/" + section + ".jsonl").forEach(g -> gold.add(g.lowerCased()));
        }
        Scorecard card = Scorecard.score(gold, text -> scrubber.detect(new TextView(text, List.of())),
                java.util.Set.of("PERSON", "SOCIAL_HANDLE"));
        assertThat(card.any().recall()).isGreaterThanOrEqualTo(0.60);
        assertThat(card.any().precision()).isGreaterThanOrEqualTo(0.65);
    }
}
