package uk.childvoice.geography.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.kafka.EventSerializer;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.service.GeographyDirectory;
import uk.childvoice.geography.service.PostcodeLookupService;
import uk.childvoice.geography.service.ResponseLocator;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.geography.support.TestConfig;

/**
 * At-least-once, unit level, with Kafka's {@link MockProducer} in place of the broker: a batch is
 * acknowledged (its offsets become committable) only once Kafka has acknowledged every located record of
 * it and every dead letter is written; a record whose located record Kafka refused is dead-lettered on its
 * own. The real broker's side is {@link RawResponseConsumerTest}.
 */
class RawResponseConsumerAckTest {
    private static GeographyDirectory directory;
    private SimpleMeterRegistry registry;
    private MockProducer<String, LocatedResponseEvent> kafka;
    private LocatedResponsePublisher publisher;
    private RecordingCommits commits;
    private RecordingFailures failures;
    private RawResponseEvent sutton;
    private RawResponseEvent camden;

    @BeforeAll
    static void directory() {
        directory = new GeographyDirectory(TestConfig.bundled());
        directory.loadAtStart();
    }

    @BeforeEach
    void fresh() {
        registry = new SimpleMeterRegistry();
        kafka = new MockProducer<>(false, null, new StringSerializer(), new EventSerializer.Located());
        publisher = new LocatedResponsePublisher(kafka, Topics.LOCATED);
        commits = new RecordingCommits();
        failures = new RecordingFailures();
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    private RawResponseConsumer consumer() {
        ResponseLocator locator = new ResponseLocator(TestConfig.bundled(), new PostcodeLookupService(directory, registry),
                directory);
        return new RawResponseConsumer(locator, publisher, registry);
    }

    @Test
    void batchIsAcknowledgedOnlyWhenKafkaHasAcknowledgedEveryLocatedRecord() {
        // given a batch of two raw responses, from Sutton and Camden
        IncomingKafkaRecordBatch<String, byte[]> batch = suttonAndCamden();

        // when it is consumed
        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();

        // then both located records are written in order, keyed by response id, without the postcode
        List<ProducerRecord<String, byte[]>> sent = sent(2);
        assertThat(sent).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.LOCATED));
        assertThat(sent).extracting(ProducerRecord::key).containsExactly(sutton.getResponseId(), camden.getResponseId());
        LocatedResponseEvent located = EventCodec.LOCATED.decode(sent.get(0).value());
        assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.OK);
        assertThat(located.getGeography().getLad()).isEqualTo("E09000029");
        assertThat(located.getSchema().getField("postcode")).isNull();
        assertThat(new String(sent.get(0).value(), StandardCharsets.ISO_8859_1)).doesNotContain("SM3");
        // and nothing is acknowledged or counted before Kafka acknowledges them
        assertThat(done).isNotDone();
        assertThat(commits.acked).isEmpty();
        assertThat(located()).isZero();

        // when Kafka acknowledges the first, the batch still waits
        assertThat(kafka.completeNext()).isTrue();
        assertThat(done).isNotDone();
        assertThat(commits.acked).isEmpty();

        // when it acknowledges the second, the batch is acknowledged (its latest offset) and counted
        assertThat(kafka.completeNext()).isTrue();
        done.join();
        assertThat(commits.acked).containsExactly(11L);
        assertThat(located()).isEqualTo(2);
        assertThat(deadLettered()).isZero();
        assertThat(failures.nacked).isEmpty();
    }

    @Test
    void recordWhoseLocatedRecordKafkaRefusedIsDeadLetteredAndTheBatchStillAcknowledged() {
        IncomingKafkaRecordBatch<String, byte[]> batch = suttonAndCamden();

        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();
        sent(2);
        assertThat(kafka.errorNext(new TimeoutException("broker gone"))).isTrue();
        assertThat(kafka.completeNext()).isTrue();
        done.join();

        assertThat(failures.nacked).containsExactly(10L);
        assertThat(failures.reasons).singleElement().isInstanceOf(DeadLetterReason.class)
                .extracting(Throwable::getMessage).isEqualTo("located record not written: TimeoutException");
        assertThat(commits.acked).containsExactly(11L);
        assertThat(located()).isEqualTo(1);
        assertThat(deadLettered()).isEqualTo(1);
    }

    @Test
    void poisonRecordIsDeadLetteredWithItsReasonAndNeverWritten() {
        RawResponseEvent good = RawEvents.withPostcode("SM3 8JD");
        IncomingKafkaRecordBatch<String, byte[]> batch = batch(
                raw(0, 20, "garbage", "postcode=SM3 8JD".getBytes(StandardCharsets.UTF_8)),
                raw(0, 21, good.getResponseId(), EventCodec.RAW.encode(good)));

        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();
        assertThat(sent(1)).extracting(ProducerRecord::key).containsExactly(good.getResponseId());
        assertThat(kafka.completeNext()).isTrue();
        done.join();

        assertThat(failures.nacked).containsExactly(20L);
        assertThat(failures.reasons).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("not an Avro single-object message (bad header)");
        assertThat(commits.acked).containsExactly(21L);
        assertThat(located()).isEqualTo(1);
        assertThat(deadLettered()).isEqualTo(1);
    }

    @Test
    void batchStaysUnacknowledgedWhenADeadLetterCannotBeWritten() {
        // given a dead-letter topic that cannot be written
        failures.refuse = true;
        RawResponseEvent good = RawEvents.withPostcode("SM3 8JD");
        IncomingKafkaRecordBatch<String, byte[]> batch = batch(
                raw(0, 30, "garbage", "not avro".getBytes(StandardCharsets.UTF_8)),
                raw(0, 31, good.getResponseId(), EventCodec.RAW.encode(good)));

        // when the batch is consumed and its located record acknowledged
        CompletableFuture<Void> done = consumer().locate(batch).subscribeAsCompletionStage();
        sent(1);
        assertThat(kafka.completeNext()).isTrue();
        done.join();

        // then nothing of it becomes committable: a restart consumes it again
        assertThat(failures.nacked).containsExactly(30L);
        assertThat(commits.acked).isEmpty();
    }

    @Test
    void batchOfPoisonOnlyIsAcknowledgedOnceDeadLetteredWithoutWriting() {
        IncomingKafkaRecordBatch<String, byte[]> batch = batch(raw(1, 40, "garbage", new byte[0]));

        consumer().locate(batch).await().atMost(Duration.ofSeconds(10));

        assertThat(kafka.history()).isEmpty();
        assertThat(failures.nacked).containsExactly(40L);
        assertThat(commits.acked).containsExactly(40L);
    }

    /** Raw responses from Sutton and Camden at offsets 10 and 11 of partition 0 ({@link #sutton}, {@link #camden}). */
    private IncomingKafkaRecordBatch<String, byte[]> suttonAndCamden() {
        sutton = RawEvents.withPostcode("SM3 8JD");
        camden = RawEvents.withPostcode("WC1H 8BG");
        return batch(raw(0, 10, sutton.getResponseId(), EventCodec.RAW.encode(sutton)),
                raw(0, 11, camden.getResponseId(), EventCodec.RAW.encode(camden)));
    }

    /** Waits until the sending thread has handed this many records to the producer; returns them as Kafka gets them. */
    private List<ProducerRecord<String, byte[]>> sent(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() >= count);
        assertThat(kafka.history()).hasSize(count);
        try (EventSerializer.Located serializer = new EventSerializer.Located()) {
            return kafka.history().stream()
                    .map(r -> new ProducerRecord<>(r.topic(), r.key(), serializer.serialize(r.topic(), r.value()))).toList();
        }
    }

    private double located() {
        return registry.counter("survey.responses.located").count();
    }

    private double deadLettered() {
        return registry.counter("survey.responses.dead.lettered", "stage", "geography").count();
    }

    private static ConsumerRecord<String, byte[]> raw(int partition, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(Topics.RAW, partition, offset, 0L, TimestampType.CREATE_TIME, 0, value.length, key,
                value, new RecordHeaders(), Optional.empty());
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

    /** Records which offsets were acknowledged (the throttled strategy would commit past them). */
    private static final class RecordingCommits implements KafkaCommitHandler {
        final List<Long> acked = new CopyOnWriteArrayList<>();

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acked.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }
    }

    /** Stands in for the dead-letter-queue strategy: records what was nacked and why, or refuses it. */
    private static final class RecordingFailures implements KafkaFailureHandler {
        final List<Long> nacked = new CopyOnWriteArrayList<>();
        final List<Throwable> reasons = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            nacked.add(record.getOffset());
            reasons.add(reason);
            return refuse ? Uni.createFrom().failure(new TimeoutException("dead-letter topic unavailable"))
                    : Uni.createFrom().voidItem();
        }
    }
}
