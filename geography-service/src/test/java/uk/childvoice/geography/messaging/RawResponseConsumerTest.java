package uk.childvoice.geography.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.GeographySource;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.support.FieldKeysResource;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;

/**
 * The stream on a real broker: raw in, located out (postcode gone), poison to the dead-letter topic. Each test
 * waits until the counters have moved by exactly its own records, so the next one starts from settled counts.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FieldKeysResource.class, restrictToAnnotatedClass = false)
class RawResponseConsumerTest {
    private static final String DLQ = Topics.deadLetter(Topics.RAW, "geography-service");
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final Map<String, ConsumerRecord<String, byte[]>> seen = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void clients() {
        LogCapture.install();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "geography-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.LOCATED, DLQ));
    }

    @AfterAll
    static void close() {
        producer.close();
        consumer.close();
    }

    @Test
    void locatesARealEnglishPostcodeAndDropsIt() throws Exception {
        // given a raw response from Sutton, encrypted as survey-intake writes it
        RawResponseEvent raw = RawEvents.withPostcode("SM3 8JD");
        Counts before = counts();

        // when it is published
        send(raw.getResponseId(), EventCodec.RAW.encode(raw));

        // then the located event carries the area, keyed by response id, and no postcode anywhere
        ConsumerRecord<String, byte[]> record = await(Topics.LOCATED, raw.getResponseId());
        LocatedResponseEvent located = EventCodec.LOCATED.decode(record.value());
        assertThat(located.getResponseId()).isEqualTo(raw.getResponseId());
        assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.OK);
        assertThat(located.getGeography().getSource()).isEqualTo(GeographySource.POSTCODE);
        assertThat(located.getGeography().getLsoa()).isEqualTo("E01004118");
        assertThat(located.getGeography().getLad()).isEqualTo("E09000029");
        assertThat(located.getGeography().getLadName()).isEqualTo("Sutton");
        assertThat(located.getGeography().getRegion()).isEqualTo("E12000007");
        assertThat(located.getGeography().getCountry()).isEqualTo("E92000001");
        assertThat(located.getGeography().getImdDecile()).isEqualTo(8);
        assertThat(located.getGeography().getImdEdition()).isEqualTo("IMD2019");
        assertThat(located.getGeography().getDataVersion()).isEqualTo("NSPL-2021-11");
        assertThat(located.getSchool()).isEqualTo(raw.getSchool());
        assertThat(located.getFreeText()).isEqualTo(raw.getFreeText());
        assertThat(located.getSchema().getField("postcode")).isNull();
        String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("SM3 8JD").doesNotContain("SM38JD").doesNotContain("sm3");
        awaitCounted(before, 1, 0);
        assertThat(LogCapture.text()).doesNotContain("SM3 8JD").doesNotContain("SM38JD");
    }

    @Test
    void preferNotToSayPassesThroughWithItsStatusAndTheCouncilAnswer() {
        // given a child who would rather not give a postcode but named Sutton as their council
        String id = UUID.randomUUID().toString();
        RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.PREFER_NOT_TO_SAY)
                .setChoices(List.of(RawEvents.localCouncil("E09000029"))).build();
        Counts before = counts();

        // when
        send(id, EventCodec.RAW.encode(raw));

        // then
        LocatedResponseEvent located = EventCodec.LOCATED.decode(await(Topics.LOCATED, id).value());
        assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.PREFER_NOT_TO_SAY);
        assertThat(located.getGeography().getSource()).isEqualTo(GeographySource.LOCAL_COUNCIL);
        assertThat(located.getGeography().getLad()).isEqualTo("E09000029");
        assertThat(located.getGeography().getLsoa()).isNull();
        awaitCounted(before, 1, 0);
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithAReasonAndTheStreamGoesOn() {
        // given a record that is not an Avro raw event (with a header of its own), followed by a good one
        String badId = UUID.randomUUID().toString();
        Counts before = counts();
        byte[] garbage = "postcode=SM3 8JD".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-test-01".getBytes(StandardCharsets.UTF_8));
        RecordMetadata written = send(new ProducerRecord<>(Topics.RAW, null, badId, garbage, headers));
        RawResponseEvent good = RawEvents.withPostcode("WC1H 8BG");
        send(good.getResponseId(), EventCodec.RAW.encode(good));

        // then the bad one is dead-lettered as it came, with a reason that does not repeat the payload, and with
        // the headers SmallRye's dead-letter-queue strategy used to write
        ConsumerRecord<String, byte[]> dead = await(DLQ, badId);
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not an Avro").doesNotContain("SM3");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "dead-letter-exception-class-name"))
                .isEqualTo("uk.childvoice.contracts.codec.EventDecodingException");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.RAW);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo(Integer.toString(written.partition()));
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(Long.toString(written.offset()));
        assertThat(header(dead, "traceparent")).isEqualTo("00-test-01");
        // and the good one still flows
        assertThat(EventCodec.LOCATED.decode(await(Topics.LOCATED, good.getResponseId()).value()).getGeography().getLad())
                .isEqualTo("E09000007");
        awaitCounted(before, 1, 1);
        // the capture sees the service's own log lines (the dead-letter warning names the id), never a postcode
        assertThat(LogCapture.text()).contains(badId)
                .doesNotContain("SM3 8JD").doesNotContain("WC1H 8BG").doesNotContain("WC1H8BG");
    }

    @Test
    void postcodeEncryptedForAnotherResponseIsDeadLettered() {
        // given a postcode ciphertext copied from another response (AAD binds it to its response id)
        RawResponseEvent other = RawEvents.withPostcode("SM3 8JD");
        String id = UUID.randomUUID().toString();
        RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED).setPostcode(other.getPostcode()).build();
        Counts before = counts();

        // when
        send(id, EventCodec.RAW.encode(raw));

        // then
        ConsumerRecord<String, byte[]> dead = await(DLQ, id);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("postcode failed authentication");
        awaitCounted(before, 0, 1);
    }

    @Test
    void batchOfGoodAndPoisonRecordsLocatesEveryGoodOneAndDeadLettersEveryPoisonOne() throws Exception {
        // given 30 good responses and 6 poison ones of three kinds, interleaved and published together (one
        // produce request, so the service polls them in one batch of up to max.poll.records)
        Counts before = counts();
        List<String> good = new ArrayList<>();
        List<String> poison = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        String[] postcodes = { "SM3 8JD", "WC1H 8BG" };
        for (int i = 0; i < 36; i++) {
            String id = UUID.randomUUID().toString();
            byte[] value;
            if (i % 6 == 5) {
                poison.add(id);
                value = switch (poison.size() % 3) {
                    case 0 -> "not avro at all".getBytes(StandardCharsets.UTF_8);
                    case 1 -> EventCodec.RAW.encode(RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED).build());
                    default -> EventCodec.RAW.encode(RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED)
                            .setPostcode(RawEvents.withPostcode("SM3 8JD").getPostcode()).build());
                };
            } else {
                good.add(id);
                RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.ANSWERED)
                        .setPostcode(FieldKeysResource.cipher().encrypt(postcodes[i % 2], id, "postcode")).build();
                value = EventCodec.RAW.encode(raw);
            }
            sends.add(producer.send(new ProducerRecord<>(Topics.RAW, id, value)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sends) {
            f.get();
        }

        // then every good one is located, once, and every poison one dead-lettered with its reason
        for (String id : good) {
            LocatedResponseEvent located = EventCodec.LOCATED.decode(await(Topics.LOCATED, id).value());
            assertThat(located.getResponseId()).isEqualTo(id);
            assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.OK);
        }
        for (String id : poison) {
            assertThat(header(await(DLQ, id), "dead-letter-reason")).isNotBlank();
        }
        assertThat(seen).doesNotContainKeys(poison.stream().map(id -> Topics.LOCATED + "/" + id).toArray(String[]::new))
                .doesNotContainKeys(good.stream().map(id -> DLQ + "/" + id).toArray(String[]::new));
        // and the counters moved by exactly 30 located and 6 dead-lettered
        awaitCounted(before, 30, 6);
    }

    private static RecordMetadata send(String key, byte[] value) {
        return send(new ProducerRecord<>(Topics.RAW, key, value));
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static synchronized ConsumerRecord<String, byte[]> await(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.put(r.topic() + "/" + r.key(), r);
            }
            ConsumerRecord<String, byte[]> r = seen.get(topic + "/" + key);
            if (r != null) {
                found.add(r);
            }
            return r != null;
        });
        return found.get(0);
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private record Counts(double located, double deadLettered) {
    }

    private Counts counts() {
        return new Counts(count("survey.responses.located"), count("survey.responses.dead.lettered", "stage", "geography"));
    }

    /** Waits until the counters have moved by exactly these numbers (more would be a duplicate count). */
    private void awaitCounted(Counts before, int located, int deadLettered) {
        Counts expected = new Counts(before.located() + located, before.deadLettered() + deadLettered);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts()).isEqualTo(expected));
    }
}
