package uk.childvoice.anonymiser.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import uk.childvoice.anonymiser.service.Deidentification;
import uk.childvoice.anonymiser.service.ResponseDeidentifier;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/**
 * Consumes {@code survey.response.located.v1} and publishes the de-identified response (key: response
 * id) and any safeguarding flags (key: flag id). The incoming record is acknowledged only after every
 * outgoing record is acknowledged by Kafka, so a crash re-processes rather than loses a response. An
 * undecodable or undecryptable record fails and goes to the dead-letter topic with its reason.
 */
@ApplicationScoped
public class LocatedResponseConsumer {
    private static final Logger LOG = Logger.getLogger(LocatedResponseConsumer.class);

    private final ResponseDeidentifier deidentifier;
    private final MutinyEmitter<DeidentifiedResponseEvent> deidentified;
    private final MutinyEmitter<SafeguardingFlagEvent> flags;
    private final Counter deidentifiedCount;
    private final Counter flagCount;
    private final Counter deadLetteredCount;

    public LocatedResponseConsumer(ResponseDeidentifier deidentifier,
            @Channel("deidentified-responses") MutinyEmitter<DeidentifiedResponseEvent> deidentified,
            @Channel("safeguarding-flags") MutinyEmitter<SafeguardingFlagEvent> flags, MeterRegistry registry) {
        this.deidentifier = deidentifier;
        this.deidentified = deidentified;
        this.flags = flags;
        this.deidentifiedCount = Counter.builder("survey.responses.deidentified")
                .description("Responses published de-identified").register(registry);
        this.flagCount = Counter.builder("survey.safeguarding.flags")
                .description("Safeguarding flags published").register(registry);
        this.deadLetteredCount = Counter.builder("survey.responses.dead.lettered").tag("stage", "anonymiser")
                .description("Records sent to the dead-letter topic").register(registry);
    }

    @Incoming("located-responses")
    public Uni<Void> consume(byte[] payload) {
        Deidentification result;
        try {
            result = deidentifier.deidentify(EventCodec.LOCATED.decode(payload));
        } catch (EventDecodingException | FieldDecryptionException e) {
            return deadLetter(e.getMessage());
        } catch (RuntimeException e) {
            // Only the exception type: messages of unexpected exceptions might quote the input.
            return deadLetter("cannot de-identify: " + e.getClass().getSimpleName());
        }
        String responseId = result.response().getResponseId();
        List<Uni<Void>> sends = new ArrayList<>(1 + result.flags().size());
        for (SafeguardingFlagEvent flag : result.flags()) {
            sends.add(send(flags, flag, flag.getFlagId()).invoke(() -> flagCount.increment()));
        }
        sends.add(send(deidentified, result.response(), responseId));
        return Uni.join().all(sends).andFailFast()
                .invoke(() -> {
                    deidentifiedCount.increment();
                    LOG.debugf("response %s de-identified, %d flag(s)", responseId, result.flags().size());
                })
                .replaceWithVoid();
    }

    private static <T> Uni<Void> send(MutinyEmitter<T> emitter, T event, String key) {
        return emitter.sendMessage(Message.of(event).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                // The producer already retries; this covers a broker that is briefly away.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    private Uni<Void> deadLetter(String reason) {
        deadLetteredCount.increment();
        LOG.warnf("located record dead-lettered: %s", reason);
        return Uni.createFrom().failure(new PoisonMessageException(reason));
    }
}
