package uk.childvoice.anonymiser.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import uk.childvoice.anonymiser.service.Deidentification;
import uk.childvoice.anonymiser.service.ResponseDeidentifier;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/**
 * Consumes {@code survey.response.located.v1} in batches and, for each batch, publishes in ONE Kafka
 * transaction: every de-identified response (key: response id), every safeguarding flag (key: its own
 * random id, on {@code survey.safeguarding.flag.v1}), every dead letter (undecodable or undecryptable
 * record, with its reason, never the payload) and the consumer offsets of the batch.
 *
 * <p>Why transactions: the anonymiser writes to three topics per input, and a flag must be neither lost
 * nor duplicated (a person reads each one). At-least-once with a per-record acknowledgement made every
 * record wait for a broker round trip (about 75 records/s) and a redelivery published a second flag
 * under a new id. With a transaction per batch the broker round trips are shared by up to
 * {@code max.poll.records} records, and either all outputs of a batch and its offsets are committed or
 * none is: an aborted batch is consumed again from the last committed offset. Readers of the output
 * topics use {@code isolation.level=read_committed}.
 */
@ApplicationScoped
public class LocatedResponseConsumer {
    private static final Logger LOG = Logger.getLogger(LocatedResponseConsumer.class);
    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.LOCATED, "anonymiser");

    private final ResponseDeidentifier deidentifier;
    private final KafkaTransactions<byte[]> out;
    private final Counter deidentifiedCount;
    private final Counter flagCount;
    private final Counter deadLetteredCount;
    private final Counter abortedBatches;

    public LocatedResponseConsumer(ResponseDeidentifier deidentifier,
            @Channel("anonymiser-out") KafkaTransactions<byte[]> out, MeterRegistry registry) {
        this.deidentifier = deidentifier;
        this.out = out;
        this.deidentifiedCount = Counter.builder("survey.responses.deidentified")
                .description("Responses published de-identified (committed)").register(registry);
        this.flagCount = Counter.builder("survey.safeguarding.flags")
                .description("Safeguarding flags published (committed)").register(registry);
        this.deadLetteredCount = Counter.builder("survey.responses.dead.lettered").tag("stage", "anonymiser")
                .description("Records sent to the dead-letter topic (committed)").register(registry);
        this.abortedBatches = Counter.builder("anonymiser.batches.aborted")
                .description("Batches whose transaction was aborted and that are consumed again").register(registry);
    }

    // A batch is up to 500 scrubs (tens of ms of CPU), so it runs on a worker thread, in order, not on the event loop.
    @Incoming("located-responses")
    @Blocking
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        BatchOutcome outcome = new BatchOutcome();
        return out.withTransaction(batch, emitter -> {
            for (KafkaRecord<String, byte[]> in : batch) {
                process(in, emitter, outcome);
            }
            return Uni.createFrom().voidItem();
        }).onItem().invoke(() -> {
            // Counted only once the transaction is committed, so the ledger never counts an aborted batch.
            deidentifiedCount.increment(outcome.deidentified);
            flagCount.increment(outcome.flags);
            deadLetteredCount.increment(outcome.deadLettered);
            LOG.debugf("batch of %d committed: %d de-identified, %d flag(s), %d dead-lettered",
                    batch.getRecords().size(), outcome.deidentified, outcome.flags, outcome.deadLettered);
        }).onFailure().recoverWithItem(failure -> {
            // The connector has already rewound the consumer to the last committed offset; the stream must go on.
            abortedBatches.increment();
            LOG.warnf("batch of %d aborted (%s); it will be consumed again", batch.getRecords().size(),
                    failure.getClass().getSimpleName());
            return null;
        });
    }

    private void process(KafkaRecord<String, byte[]> in, TransactionalEmitter<byte[]> emitter, BatchOutcome outcome) {
        Deidentification result;
        try {
            result = deidentifier.deidentify(EventCodec.LOCATED.decode(in.getPayload()));
        } catch (EventDecodingException | FieldDecryptionException e) {
            deadLetter(in, e.getMessage(), emitter, outcome);
            return;
        } catch (RuntimeException e) {
            // Only the exception type: messages of unexpected exceptions might quote the input.
            deadLetter(in, "cannot de-identify: " + e.getClass().getSimpleName(), emitter, outcome);
            return;
        }
        for (SafeguardingFlagEvent flag : result.flags()) {
            emitter.send(record(Topics.SAFEGUARDING_FLAG, flag.getFlagId(), EventCodec.SAFEGUARDING_FLAG.encode(flag), null));
            outcome.flags++;
        }
        String responseId = result.response().getResponseId();
        emitter.send(record(Topics.DEIDENTIFIED, responseId, EventCodec.DEIDENTIFIED.encode(result.response()), null));
        outcome.deidentified++;
    }

    private void deadLetter(KafkaRecord<String, byte[]> in, String reason, TransactionalEmitter<byte[]> emitter,
            BatchOutcome outcome) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", in.getTopic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(in.getPartition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(offsetOf(in)).getBytes(StandardCharsets.UTF_8));
        emitter.send(record(DEAD_LETTER_TOPIC, in.getKey(), in.getPayload(), headers));
        outcome.deadLettered++;
        LOG.warnf("located record at %s-%d@%d dead-lettered: %s", in.getTopic(), in.getPartition(), offsetOf(in), reason);
    }

    private static long offsetOf(KafkaRecord<String, byte[]> in) {
        return in.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private static Message<byte[]> record(String topic, String key, byte[] value, RecordHeaders headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key);
        if (headers != null) {
            metadata.withHeaders(headers);
        }
        return Message.of(value).addMetadata(metadata.build());
    }

    /** What one batch produced, counted after its commit. */
    private static final class BatchOutcome {
        int deidentified;
        int flags;
        int deadLettered;
    }
}
