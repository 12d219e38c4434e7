package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import uk.childvoice.intake.service.SpentChallenges.Outcome;

class SpentChallengesTest {
    static final long NOW = 1_795_000_000L;

    @Test
    void aChallengeIsSpentOnceAndRememberedUntilItExpires() {
        SpentChallenges spent = new SpentChallenges(100);

        assertThat(spent.spend(42, NOW + 600)).isEqualTo(Outcome.SPENT);
        assertThat(spent.spend(42, NOW + 600)).isEqualTo(Outcome.ALREADY_SPENT);

        spent.forgetExpiredBefore(NOW + 590);
        assertThat(spent.spend(42, NOW + 600)).isEqualTo(Outcome.ALREADY_SPENT);
        spent.forgetExpiredBefore(NOW + 661);
        assertThat(spent.size()).isZero();
    }

    @Test
    void remembersManyDistinctChallengesExactly() {
        // Given 200,000 random fingerprints (tables grow many times), zero included
        SpentChallenges spent = new SpentChallenges(1_000_000);
        SplittableRandom random = new SplittableRandom(7);
        long[] fingerprints = new long[200_000];
        for (int i = 0; i < fingerprints.length; i++) {
            fingerprints[i] = i == 0 ? 0 : random.nextLong();
            assertThat(spent.spend(fingerprints[i], NOW + (i % 600))).isEqualTo(Outcome.SPENT);
        }

        // Then each is refused a second time, and the count is exact
        for (int i = 0; i < fingerprints.length; i++) {
            assertThat(spent.spend(fingerprints[i], NOW + (i % 600))).isEqualTo(Outcome.ALREADY_SPENT);
        }
        assertThat(spent.size()).isEqualTo(fingerprints.length);
    }

    @Test
    void atItsBoundItRefusesNewChallengesInsteadOfForgettingSpentOnes() {
        SpentChallenges spent = new SpentChallenges(3);
        spent.spend(1, NOW + 60);
        spent.spend(2, NOW + 60);
        spent.spend(3, NOW + 120);

        assertThat(spent.spend(4, NOW + 120)).isEqualTo(Outcome.FULL);
        assertThat(spent.spend(1, NOW + 60)).isEqualTo(Outcome.ALREADY_SPENT);

        // Once the first minute's challenges have expired there is room again.
        spent.forgetExpiredBefore(NOW + 121);
        assertThat(spent.size()).isEqualTo(1);
        assertThat(spent.spend(4, NOW + 120)).isEqualTo(Outcome.SPENT);
    }
}
