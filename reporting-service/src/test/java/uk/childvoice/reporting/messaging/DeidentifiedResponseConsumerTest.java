package uk.childvoice.reporting.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;
import uk.childvoice.testsupport.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DeidentifiedResponseConsumerTest {

    @Inject
    Pool pool;

    @Inject
    DeidentifiedResponseConsumer consumer;

    @org.junit.jupiter.api.BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    @Test
    void logsCarryIdsAndCountsButNoFreeTextOrArea() {
        DeidentifiedResponseEvent event = TestEvents.response("E12000003", "E08000035", "girl", 99);
        event.setRecordKey(5000); // invalid: dead-lettered, which is the path that logs
        DeidentifiedResponseEvent good = TestEvents.response("E12000003", "E08000035", "girl", 98);
        TestEvents.publish(List.of(event, good));
        await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(good.getResponseId()) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> LogCapture.text().contains("recordKey outside"));
        assertThat(LogCapture.text()).doesNotContain("I want to be a vet").doesNotContain("E08000035")
                .doesNotContain(event.getResponseId() + "\"");
    }

    @Test
    void redeliveryStoresOnceAndCountsOnce() {
        // given a response delivered twice
        DeidentifiedResponseEvent event = TestEvents.response("E12000008", "E06000045", "girl", 17);
        double storedBefore = storedCounter();

        // when both copies are consumed
        TestEvents.publish(List.of(event, event));

        // then one record, one cube contribution, one count
        await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(event.getResponseId()) == 1);
        TestEvents.publish(List.of(event));
        DeidentifiedResponseEvent marker = TestEvents.response("E12000008", "E06000045", "girl", 1);
        TestEvents.publish(List.of(marker));
        await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(marker.getResponseId()) == 1);
        assertThat(recordCount(event.getResponseId())).isEqualTo(1);
        assertThat(storedCounter() - storedBefore).isEqualTo(2.0);
        assertThat(freeTextOf(event.getResponseId())).isEqualTo("text me on [PHONE], I want to be a vet");
    }

    @Test
    void poisonMessageGoesToTheDeadLetterTopicWithItsReasonAndTheStreamContinues() {
        // given an undecodable message followed by a good one
        String poisonKey = UUID.randomUUID().toString();
        DeidentifiedResponseEvent good = TestEvents.response("E12000001", "E06000047", "boy", 5);

        // when both are published
        TestEvents.publishRaw(List.of(
                new ProducerRecord<>(Topics.DEIDENTIFIED, poisonKey, "not avro at all".getBytes()),
                new ProducerRecord<>(Topics.DEIDENTIFIED, good.getResponseId(), EventCodec.DEIDENTIFIED.encode(good))));

        // then the good one is stored and the poison one is on the dead-letter topic with a reason
        await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(good.getResponseId()) == 1);
        ConsumerRecord<String, byte[]> dead = readDeadLetter(poisonKey);
        assertThat(dead).isNotNull();
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value());
        assertThat(reason).contains("bad header").doesNotContain("not avro at all");
    }

    @Test
    void invalidRecordKeyIsDeadLettered() {
        DeidentifiedResponseEvent bad = TestEvents.response("E12000001", "E06000047", "boy", 5);
        bad.setRecordKey(99_999);
        TestEvents.publish(List.of(bad));
        ConsumerRecord<String, byte[]> dead = readDeadLetter(bad.getResponseId());
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value())).contains("recordKey");
        assertThat(recordCount(bad.getResponseId())).isZero();
    }

    @Test
    void aBatchIsAcknowledgedAsAWholeNotRecordByRecord() {
        // given a batch of two good records around an invalid one, each counting its own acks and nacks
        // (in batch mode the connector forgets only the acked offsets it registered as received, which are
        // each partition's last: an ack per record left one boxed offset behind for every record consumed)
        DeidentifiedResponseEvent first = TestEvents.response("E12000005", "E08000025", "girl", 11);
        DeidentifiedResponseEvent invalid = TestEvents.response("E12000005", "E08000025", "boy", 12);
        invalid.setRecordKey(99_999);
        DeidentifiedResponseEvent last = TestEvents.response("E12000005", "E08000025", "boy", 13);
        AtomicInteger recordAcks = new AtomicInteger();
        AtomicInteger recordNacks = new AtomicInteger();
        List<KafkaRecord<String, byte[]>> records = new ArrayList<>();
        for (DeidentifiedResponseEvent event : List.of(first, invalid, last)) {
            records.add(KafkaRecord.of(Topics.DEIDENTIFIED, event.getResponseId(), EventCodec.DEIDENTIFIED.encode(event))
                    .withAck(() -> {
                        recordAcks.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        recordNacks.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    }));
        }
        CountingBatch batch = new CountingBatch(records);

        // when the consumer handles it
        consumer.consume(batch).await().atMost(Duration.ofSeconds(30));

        // then both good records are stored, the invalid one is nacked (to the dead-letter topic), and
        // the batch, not its records, is acknowledged, once
        assertThat(recordCount(first.getResponseId())).isEqualTo(1);
        assertThat(recordCount(last.getResponseId())).isEqualTo(1);
        assertThat(recordCount(invalid.getResponseId())).isZero();
        assertThat(recordNacks).hasValue(1);
        assertThat(recordAcks).hasValue(0);
        assertThat(batch.acks).hasValue(1);
    }

    /** A batch of given records that counts how often it is acknowledged. */
    private static final class CountingBatch implements KafkaRecordBatch<String, byte[]> {
        private final List<KafkaRecord<String, byte[]>> records;
        final AtomicInteger acks = new AtomicInteger();

        CountingBatch(List<KafkaRecord<String, byte[]>> records) {
            this.records = records;
        }

        @Override
        public List<KafkaRecord<String, byte[]>> getRecords() {
            return records;
        }

        @Override
        public Map<TopicPartition, KafkaRecord<String, byte[]>> getLatestOffsetRecords() {
            return Map.of(new TopicPartition(Topics.DEIDENTIFIED, 0), records.get(records.size() - 1));
        }

        @Override
        public List<byte[]> getPayload() {
            return records.stream().map(KafkaRecord::getPayload).toList();
        }

        @Override
        public Iterator<KafkaRecord<String, byte[]>> iterator() {
            return records.iterator();
        }

        @Override
        public CompletionStage<Void> ack(Metadata metadata) {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void storedResponsesShowUpInTheRegionTableOnceThereAreEnoughOfThem() {
        // given 30 children in the East Midlands (E12000004)
        List<DeidentifiedResponseEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(TestEvents.response("E12000004", "E06000015", i % 2 == 0 ? "girl" : "boy", (i * 137) % 4096));
        }

        // when they are consumed
        TestEvents.publish(events);

        // then the region table publishes a perturbed count near 30 for that region
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Integer count = given().when().get("/api/v1/tables?rows=region")
                    .then().statusCode(200).extract().path("cells.find { it.row == 'E12000004' }.count");
            assertThat(count).isNotNull().isBetween(25, 35);
        });
    }

    private long recordCount(String responseId) {
        return pool.preparedQuery("SELECT count(*) FROM response_record WHERE response_id = $1")
                .execute(Tuple.of(responseId)).await().indefinitely().iterator().next().getLong(0);
    }

    private String freeTextOf(String responseId) {
        return pool.preparedQuery("SELECT text FROM free_text_answer WHERE response_id = $1")
                .execute(Tuple.of(responseId)).await().indefinitely().iterator().next().getString(0);
    }

    private static double storedCounter() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("survey_responses_stored_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static ConsumerRecord<String, byte[]> readDeadLetter(String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.DEIDENTIFIED, "reporting-service")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        return null;
    }
}
