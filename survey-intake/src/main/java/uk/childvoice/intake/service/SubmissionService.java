package uk.childvoice.intake.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import uk.childvoice.intake.mapping.RawResponseEventMapper;
import uk.childvoice.intake.messaging.RawResponsePublisher;
import uk.childvoice.intake.repository.SubmissionRepository;

/**
 * Accepts a validated response exactly once per submission id: claim the id in the shared store,
 * publish, and only after the broker's acknowledgement record and answer the receipt. A repeat gets
 * the stored receipt and publishes nothing.
 */
@ApplicationScoped
public class SubmissionService {
    private final SubmissionRepository submissions;
    private final RawResponseEventMapper mapper;
    private final RawResponsePublisher publisher;
    private final Counter accepted;
    private final Counter duplicates;
    private final Timer claimTime;
    private final Timer ackTime;
    private final Timer acceptTime;

    public SubmissionService(SubmissionRepository submissions, RawResponseEventMapper mapper, RawResponsePublisher publisher,
            MeterRegistry registry) {
        this.submissions = submissions;
        this.mapper = mapper;
        this.publisher = publisher;
        this.accepted = Counter.builder("survey.responses.accepted")
                .description("Responses acknowledged by Kafka on the raw topic (first time per submission id)").register(registry);
        this.duplicates = Counter.builder("survey.responses.duplicate")
                .description("Repeated submission ids answered with the stored receipt").register(registry);
        this.claimTime = step("claim", registry);
        this.ackTime = step("kafka-ack", registry);
        this.acceptTime = step("accept", registry);
    }

    private static Timer step(String step, MeterRegistry registry) {
        return Timer.builder("intake.submission.step")
                .description("Time a response waits for one step of its acceptance (claim, Kafka acknowledgement, accept)")
                .tag("step", step).register(registry);
    }

    public Uni<Receipt> submit(ValidatedResponse response) {
        String id = response.submissionId();
        Questionnaire q = response.questionnaire();
        return timed(submissions.claim(id, q.id(), q.version()), claimTime)
                .onFailure().transform(StoreUnavailableException::new)
                .chain(claimed -> claimed ? publish(response) : existing(id));
    }

    private Uni<Receipt> publish(ValidatedResponse response) {
        String id = response.submissionId();
        Questionnaire q = response.questionnaire();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Uni.createFrom().item(() -> mapper.toEvent(response, receivedAt))
                .chain(event -> timed(publisher.publish(event), ackTime))
                .onFailure().call(error -> submissions.release(id).onFailure().recoverWithNull())
                .chain(() -> timed(submissions.accept(id, q.id(), q.version(), receivedAt), acceptTime)
                        .onFailure().transform(StoreUnavailableException::new))
                .invoke(() -> accepted.increment())
                .map(ignored -> Receipt.accepted(id, q.id(), q.version(), receivedAt));
    }

    // Wall time of each step as a request sees it (queueing included): where a slow response waits.
    private static <T> Uni<T> timed(Uni<T> step, Timer timer) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return step.onTermination().invoke(() -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Uni<Receipt> existing(String id) {
        return submissions.receipt(id)
                .onFailure().transform(StoreUnavailableException::new)
                .map(receipt -> {
                    if (receipt == null) {
                        throw new SubmissionInProgressException();
                    }
                    duplicates.increment();
                    return receipt;
                });
    }

}
