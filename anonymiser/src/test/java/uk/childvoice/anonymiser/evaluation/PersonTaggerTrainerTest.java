package uk.childvoice.anonymiser.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.PersonTagger;

/** The trainer reads the corpora's person spans and trains the same weights every time. */
class PersonTaggerTrainerTest {
    @Test
    void readsPersonSpansFromConll() {
        List<GoldExample> section = PersonTaggerTrainer.readConll("eval/broad-twitter-corpus/e.conll.gz");
        assertThat(section).hasSize(200);
        GoldExample withName = section.stream().filter(g -> !g.spans().isEmpty()).findFirst().orElseThrow();
        GoldExample.Span span = withName.spans().get(0);
        assertThat(span.type()).isEqualTo("PERSON");
        assertThat(withName.text().substring(span.start(), span.end())).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
    }

    @Test
    void trainingIsReproducible() throws IOException {
        Lexicon lexicon = Lexicon.load();
        List<GoldExample> section = PersonTaggerTrainer.readConll("eval/broad-twitter-corpus/e.conll.gz");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        PersonTaggerTrainer.train(section, lexicon, 2, PersonTaggerTrainer.SEED).write(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        PersonTaggerTrainer.train(section, lexicon, 2, PersonTaggerTrainer.SEED).write(second);
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray()).hasSizeGreaterThan(100);
    }

    @Test
    void neverTrainsOrTunesOnTheHeldOutSections() {
        assertThat(PersonTaggerTrainer.TRAIN).noneMatch(r -> r.endsWith("/a.conll.gz") || r.endsWith("/b.conll.gz"));
        assertThat(PersonTaggerTrainer.DEV).noneMatch(r -> r.endsWith("/a.conll.gz") || r.endsWith("/b.conll.gz"));
        assertThat(PersonTagger.RESOURCE).startsWith("data/");
    }
}
