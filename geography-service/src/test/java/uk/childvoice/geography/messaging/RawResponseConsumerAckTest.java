package uk.childvoice.geography.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.service.GeographyDirectory;
import uk.childvoice.geography.service.PostcodeLookupService;
import uk.childvoice.geography.service.ResponseLocator;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.geography.support.TestConfig;

/**
 * At-least-once, unit level: a batch is acknowledged (its offsets become committable) only when Kafka has
 * acknowledged every located record and dead letter written for it, and never when one of them failed.
 */
class RawResponseConsumerAckTest {
    private static final String DLQ = Topics.deadLetter(Topics.RAW, "geography-service");
    private static GeographyDirectory directory;
    private SimpleMeterRegistry registry;
    private RecordingEmitter out;
    private RecordingCommits commits;
    private RecordingFailures failures;

    @BeforeAll
    static void directory() {
        directory = new GeographyDirectory(TestConfig.bundled());
        directory.loadAtStart();
    }

    @BeforeEach
    void fresh() {
        registry = new SimpleMeterRegistry();
        out = new RecordingEmitter();
        commits = new RecordingCommits();
        failures = new RecordingFailures();
    }

    private ResponseLocator locator() {
        return new ResponseLocator(TestConfig.bundled(), new PostcodeLookupService(directory, registry), directory);
    }

    private RawResponseConsumer consumer() {
        return new RawResponseConsumer(locator(), out, registry);
    }

    @Test
    void batchIsAcknowledgedOnlyWhenKafkaHasAcknowledgedEveryWrite() {
        // given a batch of two raw responses
        RawResponseEvent sutton = RawEvents.withPostcode("SM3 8JD");
        RawResponseEvent camden = RawEvents.withPostcode("WC1H 8BG");
        IncomingKafkaRecordBatch<String, byte[]> batch = batch(
                raw(0, 10, sutton.getResponseId(), EventCodec.RAW.encode(sutton)),
                raw(0, 11, camden.getResponseId(), EventCodec.RAW.encode(camden)));

        // when it is consumed
        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();

        // then both located records are written, keyed by response id, without the postcode
        assertThat(out.sent).hasSize(2);
        assertThat(out.sent).allSatisfy(m -> assertThat(topic(m)).isEqualTo(Topics.LOCATED));
        assertThat(out.sent).extracting(RawResponseConsumerAckTest::key)
                .containsExactly(sutton.getResponseId(), camden.getResponseId());
        LocatedResponseEvent located = EventCodec.LOCATED.decode(out.sent.get(0).getPayload());
        assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.OK);
        assertThat(located.getGeography().getLad()).isEqualTo("E09000029");
        assertThat(located.getSchema().getField("postcode")).isNull();
        assertThat(new String(out.sent.get(0).getPayload(), StandardCharsets.ISO_8859_1)).doesNotContain("SM3");
        // and nothing is acknowledged or counted before Kafka acknowledges them
        assertThat(done).isNotDone();
        assertThat(commits.acked).isEmpty();
        assertThat(located()).isZero();

        // when Kafka acknowledges the first, the batch still waits
        ack(out.sent.get(0));
        assertThat(done).isNotDone();
        assertThat(commits.acked).isEmpty();

        // when it acknowledges the second, the batch is acknowledged (its latest offset) and counted
        ack(out.sent.get(1));
        assertThat(done).isCompleted();
        assertThat(commits.acked).containsExactly(11L);
        assertThat(located()).isEqualTo(2);
        assertThat(deadLettered()).isZero();
        assertThat(failures.nacked).isEmpty();
    }

    @Test
    void batchMixingGoodAndPoisonRecordsWritesEveryLocatedRecordAndEveryDeadLetter() {
        // given one batch over two partitions: three good responses and three poison ones
        RawResponseEvent a = RawEvents.withPostcode("SM3 8JD");
        RawResponseEvent b = RawEvents.withPostcode("WC1H 8BG");
        String preferNot = "pnts-" + a.getResponseId();
        RawResponseEvent c = RawEvents.base(preferNot).setPostcodeStatus(AnswerStatus.PREFER_NOT_TO_SAY).build();
        String wronglyBound = "bound-" + a.getResponseId();
        RawResponseEvent d = RawEvents.base(wronglyBound).setPostcodeStatus(AnswerStatus.ANSWERED)
                .setPostcode(a.getPostcode()).build();
        String noPostcode = "none-" + a.getResponseId();
        RawResponseEvent e = RawEvents.base(noPostcode).setPostcodeStatus(AnswerStatus.ANSWERED).build();
        byte[] garbage = "postcode=SM3 8JD".getBytes(StandardCharsets.UTF_8);
        IncomingKafkaRecordBatch<String, byte[]> batch = batch(
                raw(0, 5, a.getResponseId(), EventCodec.RAW.encode(a)),
                raw(0, 6, "garbage-1", garbage),
                raw(0, 7, b.getResponseId(), EventCodec.RAW.encode(b)),
                raw(1, 40, wronglyBound, EventCodec.RAW.encode(d)),
                raw(1, 41, preferNot, EventCodec.RAW.encode(c)),
                raw(1, 42, noPostcode, EventCodec.RAW.encode(e)));

        // when it is consumed
        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();

        // then every good one is located and every poison one dead-lettered, in the batch's order
        assertThat(out.sent).extracting(RawResponseConsumerAckTest::topic)
                .containsExactly(Topics.LOCATED, DLQ, Topics.LOCATED, DLQ, Topics.LOCATED, DLQ);
        assertThat(out.sent).extracting(RawResponseConsumerAckTest::key)
                .containsExactly(a.getResponseId(), "garbage-1", b.getResponseId(), wronglyBound, preferNot, noPostcode);
        assertThat(reason(out.sent.get(1))).isEqualTo("not an Avro single-object message (bad header)");
        assertThat(reason(out.sent.get(3))).isEqualTo("field postcode failed authentication");
        assertThat(reason(out.sent.get(5))).isEqualTo("postcodeStatus is ANSWERED but there is no postcode");
        assertThat(out.sent.get(1).getPayload()).isEqualTo(garbage);
        assertThat(EventCodec.LOCATED.decode(out.sent.get(4).getPayload()).getGeography().getStatus())
                .isEqualTo(GeographyStatus.PREFER_NOT_TO_SAY);
        assertThat(done).isNotDone();

        // when Kafka acknowledges all six, the batch is acknowledged per partition and counted by kind
        out.sent.forEach(RawResponseConsumerAckTest::ack);
        assertThat(done).isCompleted();
        assertThat(commits.acked).containsExactlyInAnyOrder(7L, 42L);
        assertThat(located()).isEqualTo(3);
        assertThat(deadLettered()).isEqualTo(3);
    }

    @Test
    void deadLetterKeepsTheOriginalRecordAndCarriesTheHeadersSmallRyeWrote() {
        // given a record that is not an Avro raw event, with a header of its own
        byte[] garbage = "postcode=SM3 8JD".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.RAW, 2, 77L, 0L, TimestampType.CREATE_TIME,
                9, garbage.length, "bad-key", garbage, headers, Optional.empty());

        // when it is consumed
        CompletableFuture<Void> done = consumer().locate(batch(record)).subscribeAsCompletionStage();

        // then it goes to the dead-letter topic as it came, with the reason and where it came from
        assertThat(out.sent).hasSize(1);
        Message<byte[]> dead = out.sent.get(0);
        assertThat(topic(dead)).isEqualTo(DLQ);
        assertThat(key(dead)).isEqualTo("bad-key");
        assertThat(dead.getPayload()).isEqualTo(garbage);
        Headers written = headers(dead);
        assertThat(text(written, "dead-letter-reason")).isEqualTo("not an Avro single-object message (bad header)");
        assertThat(text(written, "dead-letter-exception-class-name"))
                .isEqualTo("uk.childvoice.contracts.codec.EventDecodingException");
        assertThat(text(written, "dead-letter-topic")).isEqualTo(Topics.RAW);
        assertThat(text(written, "dead-letter-partition")).isEqualTo("2");
        assertThat(text(written, "dead-letter-offset")).isEqualTo("77");
        assertThat(text(written, "traceparent")).isEqualTo("00-abc-def-01");
        for (Header h : written) {
            assertThat(new String(h.value(), StandardCharsets.UTF_8)).as(h.key()).doesNotContain("SM3");
        }

        // and it is counted, and the batch acknowledged, only once Kafka has it
        assertThat(deadLettered()).isZero();
        ack(dead);
        assertThat(done).isCompleted();
        assertThat(deadLettered()).isEqualTo(1);
        assertThat(commits.acked).containsExactly(77L);
    }

    @Test
    void unexpectedErrorIsDeadLetteredWithItsTypeOnly() {
        // given a locator failing with a message that quotes its input
        ResponseLocator failing = new ResponseLocator(TestConfig.bundled(), new PostcodeLookupService(directory, registry),
                directory) {
            @Override
            public LocatedResponseEvent locate(RawResponseEvent raw) {
                throw new IllegalArgumentException("cannot handle postcode SM3 8JD");
            }
        };
        RawResponseEvent raw = RawEvents.withPostcode("SM3 8JD");

        // when
        new RawResponseConsumer(failing, out, registry)
                .locate(batch(raw(0, 1, raw.getResponseId(), EventCodec.RAW.encode(raw)))).subscribeAsCompletionStage();

        // then the reason names the exception type, never its message
        assertThat(out.sent).hasSize(1);
        assertThat(topic(out.sent.get(0))).isEqualTo(DLQ);
        assertThat(reason(out.sent.get(0))).isEqualTo("cannot locate response: IllegalArgumentException");
        assertThat(text(headers(out.sent.get(0)), "dead-letter-exception-class-name"))
                .isEqualTo(DeadLetterReason.class.getName());
    }

    @Test
    void failedLocatedWriteLeavesTheBatchUnacknowledgedAndFailsTheStream() {
        // given a batch of two whose second located record Kafka refuses
        RawResponseEvent first = RawEvents.withPostcode("SM3 8JD");
        RawResponseEvent second = RawEvents.withPostcode("WC1H 8BG");
        CompletableFuture<Void> done = consumer().locate(batch(
                raw(0, 3, first.getResponseId(), EventCodec.RAW.encode(first)),
                raw(0, 4, second.getResponseId(), EventCodec.RAW.encode(second)))).subscribeAsCompletionStage();

        ack(out.sent.get(0));
        out.sent.get(1).nack(new TimeoutException("Expiring 1 record(s)")).toCompletableFuture().join();

        // then the batch is neither acknowledged nor nacked (nothing committed: it is consumed again after a restart),
        // no dead letter is written for it, and only what Kafka acknowledged is counted
        assertThat(done).isCompletedExceptionally();
        assertThat(failure(done)).isInstanceOf(RawResponseConsumer.BatchNotWritten.class)
                .hasMessage("1 of 2 writes of a batch of 2 raw records failed (first: TimeoutException)");
        assertThat(commits.acked).isEmpty();
        assertThat(failures.nacked).isEmpty();
        assertThat(out.sent).hasSize(2).noneMatch(m -> DLQ.equals(topic(m)));
        assertThat(located()).isEqualTo(1);
        assertThat(deadLettered()).isZero();
    }

    @Test
    void failedDeadLetterWriteLeavesTheBatchUnacknowledged() {
        CompletableFuture<Void> done = consumer()
                .locate(batch(raw(0, 9, "bad", "not avro".getBytes(StandardCharsets.UTF_8)))).subscribeAsCompletionStage();

        out.sent.get(0).nack(new TimeoutException("Expiring 1 record(s)")).toCompletableFuture().join();

        assertThat(done).isCompletedExceptionally();
        assertThat(commits.acked).isEmpty();
        assertThat(failures.nacked).isEmpty();
        assertThat(deadLettered()).isZero();
    }

    @Test
    void writeTheEmitterRefusesFailsTheBatch() {
        // given an emitter that can no longer send (its stream has failed or has no subscriber)
        out.refuse = new IllegalStateException("SRMSG00034: no subscriber");
        RawResponseEvent raw = RawEvents.withPostcode("SM3 8JD");

        // when
        CompletableFuture<Void> done = consumer()
                .locate(batch(raw(0, 1, raw.getResponseId(), EventCodec.RAW.encode(raw)))).subscribeAsCompletionStage();

        // then the batch fails at once, unacknowledged and uncounted
        assertThat(done).isCompletedExceptionally();
        assertThat(failure(done)).hasMessageContaining("(first: IllegalStateException)");
        assertThat(commits.acked).isEmpty();
        assertThat(located()).isZero();
    }

    // --- helpers ---

    private double located() {
        return registry.counter("survey.responses.located").count();
    }

    private double deadLettered() {
        return registry.counter("survey.responses.dead.lettered", "stage", "geography").count();
    }

    private static ConsumerRecord<String, byte[]> raw(int partition, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(Topics.RAW, partition, offset, key, value);
    }

    @SafeVarargs
    private IncomingKafkaRecordBatch<String, byte[]> batch(ConsumerRecord<String, byte[]>... records) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>()).add(r);
        }
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition, Map.of()), "raw-responses", 0, commits,
                failures, false, false);
    }

    private static void ack(Message<byte[]> m) {
        m.ack().toCompletableFuture().join();
    }

    private static OutgoingKafkaRecordMetadata<?> outgoing(Message<byte[]> m) {
        return m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    private static String topic(Message<byte[]> m) {
        return outgoing(m).getTopic();
    }

    private static Object key(Message<byte[]> m) {
        return outgoing(m).getKey();
    }

    private static Headers headers(Message<byte[]> m) {
        return outgoing(m).getHeaders();
    }

    private static String reason(Message<byte[]> m) {
        return text(headers(m), "dead-letter-reason");
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Throwable failure(CompletableFuture<Void> done) {
        try {
            done.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** The emitter's side: what was sent, for the test to acknowledge or refuse as Kafka would. */
    private static final class RecordingEmitter implements Emitter<byte[]> {
        final List<Message<byte[]>> sent = new ArrayList<>();
        RuntimeException refuse;

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            throw new UnsupportedOperationException("the consumer sends messages with metadata");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Message<? extends byte[]>> void send(M message) {
            if (refuse != null) {
                throw refuse;
            }
            sent.add((Message<byte[]>) message);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    /** Records which offsets the batch acknowledged (the throttled strategy would commit past them). */
    private static final class RecordingCommits implements KafkaCommitHandler {
        final List<Long> acked = new CopyOnWriteArrayList<>();

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acked.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }
    }

    /** Records nacks, which the consumer must never send (they would reach the failure strategy). */
    private static final class RecordingFailures implements KafkaFailureHandler {
        final List<Long> nacked = new CopyOnWriteArrayList<>();

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            nacked.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }
    }
}
