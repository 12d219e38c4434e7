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

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
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

/** The stream on a real broker: raw in, located out (postcode gone), poison to the dead-letter topic. */
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
        double locatedBefore = count("survey.responses.located");

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
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> count("survey.responses.located") >= locatedBefore + 1);
        assertThat(LogCapture.text()).doesNotContain("SM3 8JD").doesNotContain("SM38JD");
    }

    @Test
    void preferNotToSayPassesThroughWithItsStatusAndTheCouncilAnswer() {
        // given a child who would rather not give a postcode but named Sutton as their council
        String id = UUID.randomUUID().toString();
        RawResponseEvent raw = RawEvents.base(id).setPostcodeStatus(AnswerStatus.PREFER_NOT_TO_SAY)
                .setChoices(List.of(RawEvents.localCouncil("E09000029"))).build();

        // when
        send(id, EventCodec.RAW.encode(raw));

        // then
        LocatedResponseEvent located = EventCodec.LOCATED.decode(await(Topics.LOCATED, id).value());
        assertThat(located.getGeography().getStatus()).isEqualTo(GeographyStatus.PREFER_NOT_TO_SAY);
        assertThat(located.getGeography().getSource()).isEqualTo(GeographySource.LOCAL_COUNCIL);
        assertThat(located.getGeography().getLad()).isEqualTo("E09000029");
        assertThat(located.getGeography().getLsoa()).isNull();
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithAReasonAndTheStreamGoesOn() {
        // given a record that is not an Avro raw event, followed by a good one
        String badId = UUID.randomUUID().toString();
        double before = count("survey.responses.dead.lettered", "stage", "geography");
        send(badId, "postcode=SM3 8JD".getBytes(StandardCharsets.UTF_8));
        RawResponseEvent good = RawEvents.withPostcode("WC1H 8BG");
        send(good.getResponseId(), EventCodec.RAW.encode(good));

        // then the bad one is dead-lettered with a reason that does not repeat the payload
        ConsumerRecord<String, byte[]> dead = await(DLQ, badId);
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not an Avro").doesNotContain("SM3");
        // and the good one still flows
        assertThat(EventCodec.LOCATED.decode(await(Topics.LOCATED, good.getResponseId()).value()).getGeography().getLad())
                .isEqualTo("E09000007");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> count("survey.responses.dead.lettered", "stage", "geography") >= before + 1);
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

        // when
        send(id, EventCodec.RAW.encode(raw));

        // then
        ConsumerRecord<String, byte[]> dead = await(DLQ, id);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("postcode failed authentication");
    }

    private static void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.RAW, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
}
