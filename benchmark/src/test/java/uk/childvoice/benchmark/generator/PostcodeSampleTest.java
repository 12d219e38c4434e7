package uk.childvoice.benchmark.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import uk.childvoice.launcher.LauncherSettings;

class PostcodeSampleTest {
    private static final PostcodeSample SAMPLE = PostcodeSample.fromRepository(LauncherSettings.repositoryRoot());

    @Test
    void sortsTheNsplSampleByWhatGeographyWillSay() {
        SplittableRandom r = new SplittableRandom(1);

        assertThat(SAMPLE.englishLiveCount()).isEqualTo(52_673);
        assertThat(SAMPLE.welsh(r)).matches("^(HR|LD)\\d.*");
        assertThat(SAMPLE.englishLive(r).lad()).startsWith("E0");
    }

    @Test
    void madeUpPostcodesAreNotInTheSample() {
        SplittableRandom r = new SplittableRandom(2);
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            made.add(SAMPLE.notInDirectory(r));
        }
        SplittableRandom e = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            assertThat(made).doesNotContain(SAMPLE.englishLive(e).postcode(), SAMPLE.englishTerminated(e));
        }
        assertThat(made).allMatch(SAMPLE::isMadeUp).allMatch(p -> p.endsWith("ZZ"));
    }
}
