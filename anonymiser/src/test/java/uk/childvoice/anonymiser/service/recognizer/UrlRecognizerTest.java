package uk.childvoice.anonymiser.service.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

class UrlRecognizerTest {
    private final UrlRecognizer recognizer = new UrlRecognizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            watch me at https://youtu.be/abc123 please         | https://youtu.be/abc123
            my site is www.samsworld.co.uk                     | www.samsworld.co.uk
            my channel is youtube.com/c/samplays.              | youtube.com/c/samplays
            go to samsgames.xyz for my games                   | samsgames.xyz
            link http://localserver/page. thanks               | http://localserver/page
            """)
    void findsAnAddressAndTheTextSaysItMayHoldOne(String text, String address) {
        assertThat(UrlRecognizer.mayHoldAddress(text)).isTrue();
        assertThat(found(text)).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"i like football. it is fun.", "no dots at all", "we went to the park... then home", "score 3.5 out of 10"})
    void aTextWhoseDotsEndSentencesIsPassedOverAndHoldsNoAddress(String text) {
        assertThat(UrlRecognizer.mayHoldAddress(text)).isFalse();
        assertThat(found(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"i watch youtube.com every day", "i read bbc.co.uk news"})
    void aWellKnownSiteNameAloneIsKept(String text) {
        assertThat(UrlRecognizer.mayHoldAddress(text)).isTrue();
        assertThat(found(text)).isEmpty();
    }

    private List<String> found(String text) {
        List<DetectedEntity> out = new ArrayList<>();
        recognizer.recognize(new TextView(text, List.of()), out);
        assertThat(out).allMatch(e -> e.type() == EntityType.URL);
        return out.stream().map(e -> text.substring(e.start(), e.end())).toList();
    }
}
