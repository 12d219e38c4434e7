package uk.childvoice.geography.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.support.FieldKeysResource;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.testsupport.KafkaResource;

/**
 * The at-least-once rule on a real broker, when Kafka refuses every write (here: records larger than the
 * producer's {@code max.request.size}): nothing is acknowledged, no offset is committed, nothing is counted,
 * and the health checks go DOWN so that a restart consumes the records again. Its own raw topic and consumer
 * group, so the other tests' records, offsets and counts are not touched.
 */
@QuarkusTest
@TestProfile(RawResponseConsumerWriteFailureTest.WritesRefused.class)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FieldKeysResource.class, restrictToAnnotatedClass = false)
class RawResponseConsumerWriteFailureTest {
    private static final String GROUP = "geography-write-failure-test";
    private static final String RAW = Topics.RAW + ".write-failure-test";

    /** Every located record and dead letter is larger than 64 bytes: Kafka refuses them all, without retrying. */
    public static class WritesRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.geography-out.max.request.size", "64",
                    "mp.messaging.incoming.raw-responses.topic", RAW,
                    "mp.messaging.incoming.raw-responses.group.id", GROUP);
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void failedWritesLeaveTheBatchUncommittedAndTheServiceUnhealthy() throws Exception {
        // given a good response and a poison one
        RawResponseEvent good = RawEvents.withPostcode("SM3 8JD");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(RAW, good.getResponseId(), EventCodec.RAW.encode(good))).get();
            producer.send(new ProducerRecord<>(RAW, "poison", "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
        }

        // then the service turns unhealthy once its writes have been refused (at once, not after the throttled
        // commit strategy's 60 s check for records left unacknowledged)
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/live").then().statusCode(503));

        // and nothing of what it consumed is committed or counted
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (Admin admin = Admin.create(a)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.keySet()).noneMatch(partition -> partition.topic().equals(RAW));
        }
        assertThat(registry.find("survey.responses.located").counter().count()).isZero();
        assertThat(registry.find("survey.responses.dead.lettered").tag("stage", "geography").counter().count()).isZero();
    }
}
