package uk.childvoice.geography.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.service.InvalidEventException;
import uk.childvoice.geography.service.ResponseLocator;

/**
 * Consumes {@code survey.response.raw.v1} and produces {@code survey.response.located.v1} (key = response
 * id). At-least-once: a raw record is acknowledged only when Kafka has acknowledged its located record;
 * many records are in flight at once, and the consumer commits only offsets below the oldest
 * unacknowledged one. A record that cannot be decoded, decrypted or located is nacked, which the
 * {@code dead-letter-queue} failure strategy sends to {@code survey.response.raw.v1.dlq.geography-service}
 * with the reason; the reason and the logs carry ids and error kinds only, never the payload.
 */
@ApplicationScoped
public class RawResponseConsumer {
    private static final Logger LOG = Logger.getLogger(RawResponseConsumer.class);

    private final ResponseLocator locator;
    private final Counter located;
    private final Counter deadLettered;

    public RawResponseConsumer(ResponseLocator locator, MeterRegistry registry) {
        this.locator = locator;
        this.located = Counter.builder("survey.responses.located")
                .description("Responses located and acknowledged by Kafka on the located topic").register(registry);
        this.deadLettered = Counter.builder("survey.responses.dead.lettered").tag("stage", "geography")
                .description("Responses sent to a dead-letter topic").register(registry);
    }

    @Incoming("raw-responses")
    @Outgoing("located-responses")
    public Multi<Message<LocatedResponseEvent>> locate(Multi<Message<byte[]>> raw) {
        // A Uni of null means "nothing to send" (the record went to the dead-letter topic); Mutiny drops it.
        return raw.onItem().transformToUniAndConcatenate(this::locateOne);
    }

    private Uni<Message<LocatedResponseEvent>> locateOne(Message<byte[]> in) {
        LocatedResponseEvent event;
        try {
            RawResponseEvent rawEvent = EventCodec.RAW.decode(in.getPayload());
            event = locator.locate(rawEvent);
        } catch (RuntimeException e) {
            // If even the dead-letter write fails the record stays unacknowledged: its offset is never
            // committed, the throttled commit strategy turns the channel unhealthy, and a restart redelivers it.
            return Uni.createFrom().completionStage(() -> deadLetter(in, e))
                    .onFailure().invoke(f -> LOG.errorf("raw response %s could not be dead-lettered: %s", idOf(in),
                            f.getClass().getSimpleName()))
                    .onFailure().recoverWithNull()
                    .replaceWith((Message<LocatedResponseEvent>) null);
        }
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.getResponseId()).build();
        return Uni.createFrom().item(Message.of(event, Metadata.of(key),
                () -> {
                    located.increment();
                    return in.ack();
                },
                failure -> deadLetter(in, new DeadLetterReason("located record not written: "
                        + failure.getClass().getSimpleName()))));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> in, RuntimeException cause) {
        RuntimeException reason = safeReason(cause);
        deadLettered.increment();
        LOG.warnf("raw response %s dead-lettered: %s", idOf(in), reason.getMessage());
        return in.nack(reason);
    }

    /** Known exceptions carry reasons written to be safe; anything else is reduced to its type. */
    private static RuntimeException safeReason(RuntimeException e) {
        if (e instanceof EventDecodingException || e instanceof FieldDecryptionException
                || e instanceof InvalidEventException || e instanceof DeadLetterReason) {
            return e;
        }
        return new DeadLetterReason("cannot locate response: " + e.getClass().getSimpleName());
    }

    private static String idOf(Message<byte[]> in) {
        return in.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getKey() instanceof String s && s.length() <= 64 && s.matches("[A-Za-z0-9-]+") ? s
                        : "at " + m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no metadata)");
    }
}
