package uk.childvoice.geography.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.geography.service.InvalidEventException;
import uk.childvoice.geography.service.ResponseLocator;

/**
 * Consumes {@code survey.response.raw.v1} in batches (up to {@code max.poll.records}) and, for each record,
 * writes either its located record to {@code survey.response.located.v1} (key: response id, the postcode
 * replaced by its area) or, for a record that cannot be decoded, decrypted, located or encoded, a dead
 * letter to {@code survey.response.raw.v1.dlq.geography-service}: the original key, bytes and headers plus
 * the {@code dead-letter-*} headers SmallRye's {@code dead-letter-queue} strategy wrote, with a reason that
 * carries ids and error kinds only, never the payload.
 *
 * <p>Why batches: a JFR profile under load put only about 15% of the service's CPU in the work itself
 * (decode, decrypt, look up, build) and about 45% in SmallRye/Mutiny machinery paid per record (a message
 * through the mediator's stream, context propagation, per-record acknowledgement and commit tracking). A
 * batch goes through that machinery once; only the producer side (one emitted message per output) stays per
 * record. The work is microseconds a record, so the method runs on the event loop (no {@code @Blocking}).
 *
 * <p>At-least-once, no transactions (downstream de-duplicates by response id): the batch is acknowledged,
 * and its offsets become committable by the throttled commit strategy, only once Kafka has acknowledged
 * every write of the batch ({@code acks=all}, idempotent producer). The counters move when all writes of the
 * batch are settled, by what Kafka acknowledged. A redelivered record produces the same located event with
 * the same key. The writes go through an {@link Emitter} whose buffer holds a whole batch ({@link #EMITTER_BUFFER}).
 *
 * <p>If any write of a batch fails (retriable errors have already been retried for up to
 * {@code delivery.timeout.ms}), the batch is neither acknowledged nor nacked and the returned {@code Uni}
 * fails: the mediator ends the stream (cancelling the Kafka subscription closes the consumer, so its
 * partitions go to another replica) and reports the failure to the health checks, so liveness and readiness
 * turn DOWN at once; nothing of the batch is committed and a restart consumes it again. A completed
 * {@code Uni} would keep the stream going, but every later batch would be written without its offsets ever
 * becoming committable (the throttled strategy never commits past an unacknowledged record) until that
 * strategy's 60 s check closed the consumer anyway: more duplicates after the restart, and a later health
 * signal. The batch is not nacked because a nack hands every record of the batch to the failure strategy
 * ({@code fail}, configured so that nothing would be committed should anything nack a batch).
 */
@ApplicationScoped
public class RawResponseConsumer {
    private static final Logger LOG = Logger.getLogger(RawResponseConsumer.class);
    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.RAW, "geography-service");
    /** At least {@code max.poll.records}: a whole batch fits even if the sink had no demand left. */
    static final int EMITTER_BUFFER = 1024;
    private static final int FAILED_IDS_LOGGED = 5;

    private final ResponseLocator locator;
    private final Emitter<byte[]> out;
    private final Counter located;
    private final Counter deadLettered;

    public RawResponseConsumer(ResponseLocator locator,
            @Channel("geography-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            Emitter<byte[]> out,
            MeterRegistry registry) {
        this.locator = locator;
        this.out = out;
        this.located = Counter.builder("survey.responses.located")
                .description("Responses located and acknowledged by Kafka on the located topic").register(registry);
        this.deadLettered = Counter.builder("survey.responses.dead.lettered").tag("stage", "geography")
                .description("Responses sent to a dead-letter topic").register(registry);
    }

    @Incoming("raw-responses")
    public Uni<Void> locate(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        BatchWrites writes = new BatchWrites();
        for (KafkaRecord<String, byte[]> in : records) {
            locateOne(in, writes);
        }
        return Uni.createFrom().completionStage(writes.sealed()).onItem().transformToUni(done -> {
            // Counted once Kafka has acknowledged them, whatever happened to the rest of the batch.
            located.increment(done.located.get());
            deadLettered.increment(done.deadLettered.get());
            if (done.failed.get() == 0) {
                LOG.debugf("batch of %d raw records written: %d located, %d dead-lettered", records.size(),
                        done.located.get(), done.deadLettered.get());
                return Uni.createFrom().completionStage(batch::ack);
            }
            String failure = String.format("%d of %d writes of a batch of %d raw records failed (first: %s)",
                    done.failed.get(), done.attempted.get(), records.size(), done.firstFailureType());
            LOG.errorf("%s; not acknowledged, it will be consumed again after a restart; failed: %s", failure,
                    done.failedIds());
            return Uni.createFrom().failure(new BatchNotWritten(failure));
        });
    }

    private void locateOne(KafkaRecord<String, byte[]> in, BatchWrites writes) {
        LocatedResponseEvent event;
        byte[] value;
        try {
            event = locator.locate(EventCodec.RAW.decode(in.getPayload()));
            value = EventCodec.LOCATED.encode(event);
        } catch (RuntimeException e) {
            deadLetter(in, safeReason(e), writes);
            return;
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.LOCATED).withKey(event.getResponseId()).build();
        writes.send(out, in, value, metadata, false);
    }

    /** The original key, bytes and headers, with the headers SmallRye's dead-letter-queue strategy wrote. */
    private void deadLetter(KafkaRecord<String, byte[]> in, RuntimeException reason, BatchWrites writes) {
        String text = reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName();
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        header(headers, "dead-letter-reason", text);
        header(headers, "dead-letter-topic", in.getTopic());
        header(headers, "dead-letter-partition", Integer.toString(in.getPartition()));
        header(headers, "dead-letter-offset", Long.toString(offsetOf(in)));
        if (in.getHeaders() != null) {
            for (Header original : in.getHeaders()) {
                headers.add(original);
            }
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(DEAD_LETTER_TOPIC).withKey(in.getKey()).withHeaders(headers).build();
        LOG.warnf("raw response %s dead-lettered: %s", idOf(in), text);
        writes.send(out, in, in.getPayload(), metadata, true);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Known exceptions carry reasons written to be safe; anything else is reduced to its type. */
    private static RuntimeException safeReason(RuntimeException e) {
        if (e instanceof EventDecodingException || e instanceof FieldDecryptionException
                || e instanceof InvalidEventException || e instanceof DeadLetterReason) {
            return e;
        }
        return new DeadLetterReason("cannot locate response: " + e.getClass().getSimpleName());
    }

    private static long offsetOf(KafkaRecord<String, byte[]> in) {
        return in.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    static String idOf(KafkaRecord<String, byte[]> in) {
        String key = in.getKey();
        return key != null && key.length() <= 64 && key.matches("[A-Za-z0-9-]+") ? key
                : "at " + in.getTopic() + "-" + in.getPartition() + "@" + offsetOf(in);
    }

    /**
     * The writes of one batch: {@link #sealed()} completes once Kafka has acknowledged or refused every one.
     * Acks and nacks arrive on the producer's threads, hence the atomics.
     */
    static final class BatchWrites {
        // One for the batch itself until it is sealed, so the future cannot complete while records are still sent.
        private final AtomicInteger pending = new AtomicInteger(1);
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicInteger located = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final List<String> failedIds = new ArrayList<>();
        private final CompletableFuture<BatchWrites> done = new CompletableFuture<>();

        void send(Emitter<byte[]> out, KafkaRecord<String, byte[]> in, byte[] value,
                OutgoingKafkaRecordMetadata<String> metadata, boolean deadLetter) {
            attempted.incrementAndGet();
            pending.incrementAndGet();
            Message<byte[]> message = Message.of(value, Metadata.of(metadata), () -> {
                (deadLetter ? deadLettered : located).incrementAndGet();
                settle();
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                failed(in, failure);
                return CompletableFuture.completedFuture(null);
            });
            try {
                out.send(message);
            } catch (RuntimeException e) {
                // The emitter refused it (no subscriber, cancelled): nothing was sent, so no ack or nack will come.
                failed(in, e);
            }
        }

        CompletionStage<BatchWrites> sealed() {
            settle();
            return done;
        }

        private void failed(KafkaRecord<String, byte[]> in, Throwable failure) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
            synchronized (failedIds) {
                if (failedIds.size() < FAILED_IDS_LOGGED) {
                    failedIds.add(idOf(in));
                }
            }
            settle();
        }

        private void settle() {
            if (pending.decrementAndGet() == 0) {
                done.complete(this);
            }
        }

        String firstFailureType() {
            Throwable f = firstFailure.get();
            return f == null ? "none" : f.getClass().getSimpleName();
        }

        String failedIds() {
            synchronized (failedIds) {
                return failed.get() > failedIds.size() ? failedIds + " and " + (failed.get() - failedIds.size()) + " more"
                        : failedIds.toString();
            }
        }
    }

    /** A batch some of whose writes Kafka refused; the message has counts and error kinds only. */
    static final class BatchNotWritten extends RuntimeException {
        BatchNotWritten(String message) {
            super(message, null, false, false);
        }
    }
}
