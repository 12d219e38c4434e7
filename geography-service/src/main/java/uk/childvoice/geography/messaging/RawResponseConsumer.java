package uk.childvoice.geography.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.geography.service.InvalidEventException;
import uk.childvoice.geography.service.ResponseLocator;

/**
 * Consumes {@code survey.response.raw.v1} in batches and writes each record's located record to
 * {@code survey.response.located.v1} (key = response id, the postcode replaced by its areas) through
 * {@link LocatedResponsePublisher}, the whole batch in one hand-off. At-least-once: the batch is
 * acknowledged, and its offsets become committable by the throttled commit strategy, only once Kafka has
 * acknowledged every located record of it and every dead letter has been written. A record that cannot be
 * decoded, decrypted or located, or whose located record Kafka refused, is nacked on its own, which the
 * {@code dead-letter-queue} failure strategy sends to {@code survey.response.raw.v1.dlq.geography-service}
 * with the reason; the reason and the logs carry ids and error kinds only, never the payload.
 */
@ApplicationScoped
public class RawResponseConsumer {
    private static final Logger LOG = Logger.getLogger(RawResponseConsumer.class);

    private final ResponseLocator locator;
    private final LocatedResponsePublisher publisher;
    private final Counter located;
    private final Counter deadLettered;

    public RawResponseConsumer(ResponseLocator locator, LocatedResponsePublisher publisher, MeterRegistry registry) {
        this.locator = locator;
        this.publisher = publisher;
        this.located = Counter.builder("survey.responses.located")
                .description("Responses located and acknowledged by Kafka on the located topic").register(registry);
        this.deadLettered = Counter.builder("survey.responses.dead.lettered").tag("stage", "geography")
                .description("Responses sent to a dead-letter topic").register(registry);
    }

    @Incoming("raw-responses")
    public Uni<Void> locate(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<KafkaRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        List<LocatedResponseEvent> events = new ArrayList<>(records.size());
        List<Uni<Boolean>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, byte[]> in : records) {
            try {
                events.add(locator.locate(EventCodec.RAW.decode(in.getPayload())));
                sources.add(in);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(in, e));
            }
        }
        return publisher.sendAll(events).flatMap(failures -> {
            int written = 0;
            for (int i = 0; i < failures.length; i++) {
                if (failures[i] == null) {
                    written++;
                } else {
                    deadLetters.add(deadLetter(sources.get(i), new DeadLetterReason("located record not written: "
                            + failures[i].getClass().getSimpleName())));
                }
            }
            located.increment(written);
            Uni<List<Boolean>> all = deadLetters.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(deadLetters).andCollectFailures();
            return all.flatMap(outcomes -> {
                if (outcomes.contains(Boolean.FALSE)) {
                    // Left unacknowledged: its offsets are never committed, the throttled commit strategy
                    // turns the channel unhealthy, and a restart consumes the batch again.
                    return Uni.createFrom().voidItem();
                }
                return Uni.createFrom().completionStage(batch::ack);
            });
        });
    }

    /** Nacks the record to the dead-letter topic; true once written there, false (logged) if even that failed. */
    private Uni<Boolean> deadLetter(KafkaRecord<String, byte[]> in, RuntimeException cause) {
        RuntimeException reason = safeReason(cause);
        deadLettered.increment();
        LOG.warnf("raw response %s dead-lettered: %s", idOf(in), reason.getMessage());
        return Uni.createFrom().completionStage(() -> in.nack(reason)).replaceWith(Boolean.TRUE)
                .onFailure().recoverWithItem(f -> {
                    LOG.errorf("raw response %s could not be dead-lettered: %s", idOf(in), f.getClass().getSimpleName());
                    return Boolean.FALSE;
                });
    }

    /** Known exceptions carry reasons written to be safe; anything else is reduced to its type. */
    private static RuntimeException safeReason(RuntimeException e) {
        if (e instanceof EventDecodingException || e instanceof FieldDecryptionException
                || e instanceof InvalidEventException || e instanceof DeadLetterReason) {
            return e;
        }
        return new DeadLetterReason("cannot locate response: " + e.getClass().getSimpleName());
    }

    static String idOf(KafkaRecord<String, byte[]> in) {
        String key = in.getKey();
        return key != null && key.length() <= 64 && key.matches("[A-Za-z0-9-]+") ? key
                : "at " + in.getTopic() + "-" + in.getPartition() + "@" + offsetOf(in);
    }

    private static long offsetOf(KafkaRecord<String, byte[]> in) {
        return in instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
    }
}
