package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.PersonTagger;
import uk.childvoice.anonymiser.service.recognizer.TextView;

/** The statistical name layer: it loads, adds names the gazetteers miss, stays off children's words, and is deterministic. */
class PersonTaggerTest {
    private static final Lexicon LEXICON = Lexicon.load();
    private static final PersonTagger TAGGER = PersonTagger.load();
    private static final FreeTextScrubber WITH_MODEL = new FreeTextScrubber(LEXICON, TAGGER);
    private static final FreeTextScrubber GAZETTEERS_ONLY = new FreeTextScrubber(LEXICON, null);

    @Test
    void shippedModelLoadsWithItsTunedThreshold() {
        assertThat(Float.isFinite(TAGGER.threshold())).isTrue();
        TextView v = new TextView("sheeran is my fave singer", List.of());
        float score = TAGGER.score(v, 0, LEXICON, PersonTagger.englishBand(v, LEXICON), new int[PersonTagger.MAX_FEATURES]);
        assertThat(score).isGreaterThan(TAGGER.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sheeran is my fave singer|sheeran", "farage and osborne on the news|osborne"})
    void addsSurnamesNoGazetteerKnows(String row) {
        String text = row.substring(0, row.indexOf('|'));
        String surname = row.substring(row.indexOf('|') + 1);
        // given a surname that is neither an ONS first name nor on any list
        assertThat(GAZETTEERS_ONLY.scrub(text).scrubbed()).contains(surname);
        // when the model layer runs
        ScrubResult result = WITH_MODEL.scrub(text);
        // then it is masked as a person
        assertThat(result.scrubbed()).doesNotContain(surname).contains("[PERSON]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i hope i get a dog",
        "i will be a vet",
        "we say grace before dinner",
        "summer holidays are the best",
        "i want a jack russell",
        "wiv my freinds becuase its fun",
        "skool is borin but the dinners are minging",
        "i play fortnite and minecraft and roblox",
        "lol omg tbh idk",
        "my fave youtuber is dantdm",
        "we live in leeds near bradford",
        "i love harry kane and taylor swift",
        "sooooo booooring",
        "meet @ 5pm by the gates",
        "see you @ school",
        "i got a ps5 for xmas"})
    void leavesChildrensWordsAlone(String text) {
        ScrubResult result = WITH_MODEL.scrub(text);
        assertThat(result.entities()).as(result.scrubbed()).isEmpty();
    }

    @Test
    void ordinaryWordsNeverReachTheModel() {
        TextView v = new TextView("i hope will and grace like summer", List.of());
        for (int i = 0; i < v.tokenCount(); i++) {
            assertThat(PersonTagger.eligible(v, i, LEXICON)).as(v.word(i)).isFalse();
        }
    }

    @Test
    void sameWeightsGiveSameAnswersAfterWriteAndRead() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        TAGGER.write(first);
        PersonTagger copy = PersonTagger.read(new ByteArrayInputStream(first.toByteArray()));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        copy.write(second);
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(copy.threshold()).isEqualTo(TAGGER.threshold());
        FreeTextScrubber again = new FreeTextScrubber(LEXICON, copy);
        for (String text : List.of("farage and osborne on the news", "me and mcgregor went to town", "i hope i get a dog")) {
            assertThat(again.scrub(text)).isEqualTo(WITH_MODEL.scrub(text));
        }
    }
}
