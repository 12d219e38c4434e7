package uk.childvoice.intake.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    public SubmissionService(SubmissionRepository submissions, RawResponseEventMapper mapper, RawResponsePublisher publisher,
            MeterRegistry registry) {
        this.submissions = submissions;
        this.mapper = mapper;
        this.publisher = publisher;
        this.accepted = Counter.builder("survey.responses.accepted")
                .description("Responses acknowledged by Kafka on the raw topic (first time per submission id)").register(registry);
        this.duplicates = Counter.builder("survey.responses.duplicate")
                .description("Repeated submission ids answered with the stored receipt").register(registry);
    }

    public Uni<Receipt> submit(ValidatedResponse response) {
        String id = response.submissionId();
        Questionnaire q = response.questionnaire();
        return submissions.claim(id, q.id(), q.version())
                .onFailure().transform(StoreUnavailableException::new)
                .chain(claimed -> claimed ? publish(response) : existing(id));
    }

    private Uni<Receipt> publish(ValidatedResponse response) {
        String id = response.submissionId();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Uni.createFrom().item(() -> mapper.toEvent(response, receivedAt))
                .chain(publisher::publish)
                .onFailure().call(error -> submissions.release(id).onFailure().recoverWithNull())
                .chain(() -> submissions.accept(id, receivedAt)
                        .onFailure().transform(StoreUnavailableException::new))
                .invoke(() -> accepted.increment())
                .map(ignored -> Receipt.accepted(id, response.questionnaire().id(), response.questionnaire().version(), receivedAt));
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
