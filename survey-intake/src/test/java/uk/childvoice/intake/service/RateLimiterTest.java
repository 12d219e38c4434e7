package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import uk.childvoice.intake.config.IntakeConfig;

class RateLimiterTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final RateLimiter limiter = new RateLimiter(limits(10, 20, 6), QuestionnaireCatalogTest.CATALOG, now::get);

    static IntakeConfig.RateLimit limits(int perSecond, int burst, int perMinute) {
        return new IntakeConfig.RateLimit() {
            public int perQuestionnairePerSecond() {
                return perSecond;
            }

            public int perQuestionnaireBurst() {
                return burst;
            }

            public int perAccessCodePerMinute() {
                return perMinute;
            }
        };
    }

    @Test
    void throttlesAQuestionnaireBeyondItsBurstAndRecovers() {
        for (int i = 0; i < 20; i++) {
            limiter.checkQuestionnaire("13-17");
        }
        assertThatThrownBy(() -> limiter.checkQuestionnaire("13-17"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isGreaterThanOrEqualTo(1));
        // Another questionnaire has its own bucket.
        limiter.checkQuestionnaire("9-12");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
        limiter.checkQuestionnaire("13-17");
    }

    @Test
    void throttlesOneAccessCodeWithoutTouchingOthers() {
        for (int i = 0; i < 6; i++) {
            limiter.checkAccessCode("code-a");
        }
        assertThatThrownBy(() -> limiter.checkAccessCode("code-a")).isInstanceOf(RateLimitedException.class);
        limiter.checkAccessCode("code-b");
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        limiter.checkAccessCode("code-a");
    }

    @Test
    void manyChildrenBehindOneAddressAreNotOnePerson() {
        // Thirty pupils of one school, one NAT address: each has its own session, none is throttled.
        for (int pupil = 0; pupil < 30; pupil++) {
            for (int page = 0; page < 5; page++) {
                limiter.checkAccessCode("pupil-" + pupil);
            }
        }
    }

    @Test
    void unknownQuestionnairesGetNoBucket() {
        for (int i = 0; i < 100; i++) {
            limiter.checkQuestionnaire("made-up-" + i);
        }
        now.addAndGet(TimeUnit.MINUTES.toNanos(11));
        limiter.checkAccessCode("x");
        now.addAndGet(TimeUnit.MINUTES.toNanos(11));
        limiter.evictIdle();
        assertThat(limiter.trackedAccessCodes()).isZero();
    }
}
