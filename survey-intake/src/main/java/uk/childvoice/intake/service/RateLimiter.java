package uk.childvoice.intake.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import uk.childvoice.intake.config.IntakeConfig;

/**
 * Rate limits keyed on what the request is for, never on who sends it: one bucket per questionnaire
 * (a flood guard for the service) and one per access code (a guard against guessing and hammering
 * one session). No IP address is used, so a whole school behind one NAT address is never throttled
 * as one person; per-client cost comes from the proof of work instead. Buckets live in this replica.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Map<String, TokenBucket> questionnaires = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> accessCodes = new ConcurrentHashMap<>();
    private final IntakeConfig.RateLimit limits;
    private final LongSupplier clock;

    @Inject
    public RateLimiter(IntakeConfig config, QuestionnaireCatalog catalog) {
        this(config.rateLimit(), catalog, System::nanoTime);
    }

    RateLimiter(IntakeConfig.RateLimit limits, QuestionnaireCatalog catalog, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        long now = clock.getAsLong();
        // Only known questionnaires get a bucket, so made-up ids cannot grow the map.
        for (Questionnaire q : catalog.all()) {
            questionnaires.put(q.id(), new TokenBucket(limits.perQuestionnaireBurst(), limits.perQuestionnairePerSecond(), now));
        }
    }

    /** Throws {@link RateLimitedException} when the questionnaire's bucket is empty; unknown ids pass (they 404 later). */
    public void checkQuestionnaire(String questionnaireId) {
        TokenBucket bucket = questionnaires.get(questionnaireId);
        if (bucket != null) {
            check(bucket);
        }
    }

    /** Throws {@link RateLimitedException} when this access code has used its requests for now. */
    public void checkAccessCode(String codeKey) {
        int perMinute = limits.perAccessCodePerMinute();
        check(accessCodes.computeIfAbsent(codeKey, k -> new TokenBucket(perMinute, perMinute / 60.0, clock.getAsLong())));
    }

    private void check(TokenBucket bucket) {
        long wait = bucket.take(clock.getAsLong());
        if (wait > 0) {
            throw new RateLimitedException(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1));
        }
    }

    /** Forgets access-code buckets idle for ten minutes (a full bucket behaves like a new one). */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdle() {
        long now = clock.getAsLong();
        accessCodes.values().removeIf(b -> now - b.lastUsed() > IDLE_NANOS);
    }

    int trackedAccessCodes() {
        return accessCodes.size();
    }
}
