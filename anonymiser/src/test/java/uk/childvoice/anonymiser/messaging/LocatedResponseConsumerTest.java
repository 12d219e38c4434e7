package uk.childvoice.anonymiser.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.childvoice.anonymiser.LocatedEvents.located;
import static uk.childvoice.anonymiser.LocatedEvents.newResponseId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import uk.childvoice.anonymiser.TestKeys;
import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingCategory;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestKeys.class)
class LocatedResponseConsumerTest {
    private static final String SYSTEM_TEST_TEXT =
            "text me on 07700 900123 or mail sam.jones@example.com, I want to be a vet";
    private static final String SCHOOL = "Kingsmead Primary School";
    private static final String DISCLOSURE = "my step dad hits me when mum is out";

    private static KafkaCompanion companion;
    private static TopicReader deidentified;
    private static TopicReader flags;
    private static TopicReader deadLetters;

    @BeforeAll
    static void connect() {
        LogCapture.install();
        companion = new KafkaCompanion(KafkaResource.bootstrapServers());
        deidentified = new TopicReader(companion, Topics.DEIDENTIFIED);
        flags = new TopicReader(companion, Topics.SAFEGUARDING_FLAG);
        deadLetters = new TopicReader(companion, Topics.deadLetter(Topics.LOCATED, "anonymiser"));
    }

    @AfterAll
    static void disconnect() {
        deidentified.close();
        flags.close();
        deadLetters.close();
        companion.close();
    }

    @Test
    void publishesScrubbedResponseWithoutContactDetailsOrSchool() {
        // given a located response with a phone number, an email and the child's own school in the free text
        String id = newResponseId();
        LocatedResponseEvent in = located(TestKeys.fieldCipher(), id, 14, false, SCHOOL, Map.of(
                "aspirations", SYSTEM_TEST_TEXT,
                "improveLife", "at kingsmead primary we need more clubs"));

        // when it is published on the located topic
        publish(id, EventCodec.LOCATED.encode(in));

        // then the de-identified event is keyed by response id and carries only scrubbed text and coarse fields
        ConsumerRecord<String, byte[]> record = deidentified.await(r -> id.equals(r.key()));
        DeidentifiedResponseEvent out = EventCodec.DEIDENTIFIED.decode(record.value());
        String aspirations = out.getFreeText().get(0).getQuestionId().equals("aspirations")
                ? out.getFreeText().get(0).getText() : out.getFreeText().get(1).getText();
        assertThat(aspirations).doesNotContain("07700", "900123", "sam.jones", "example.com")
                .contains("[PHONE]", "[EMAIL]", "I want to be a vet");
        assertThat(out.getFreeText()).anySatisfy(a -> assertThat(a.getText()).isEqualTo("at [SCHOOL] we need more clubs"));
        assertThat(out.getAgeBand()).isEqualTo("13-17");
        assertThat(out.getEthnicityBroad()).isEqualTo("mixed");
        assertThat(out.getSubmittedOn()).isEqualTo(LocalDate.of(2026, 4, 21));
        assertThat(out.getArea().getLad()).isEqualTo("E08000025");
        assertThat(out.getRecordKey()).isBetween(0, 4095);
        String bytes = new String(record.value(), StandardCharsets.ISO_8859_1).toLowerCase();
        assertThat(bytes).doesNotContain("kingsmead", "07700", "sam.jones", "e01033620");
        assertThat(LogCapture.text()).doesNotContain("07700", "sam.jones", "Kingsmead", "kingsmead");
    }

    @Test
    void secureSettingKeepsRegionOnly() {
        // given a child in a young offender institution (no school asked)
        String id = newResponseId();
        publish(id, EventCodec.LOCATED.encode(located(TestKeys.fieldCipher(), id, 16, true, null,
                Map.of("aspirations", "get out and be a mechanic"))));

        // then the area keeps the region alone and the local-council answer is gone
        DeidentifiedResponseEvent out = EventCodec.DEIDENTIFIED.decode(deidentified.await(r -> id.equals(r.key())).value());
        assertThat(out.getArea().getRegion()).isEqualTo("E12000005");
        assertThat(out.getArea().getLad()).isNull();
        assertThat(out.getArea().getLadName()).isNull();
        assertThat(out.getArea().getImdDecile()).isNull();
        assertThat(out.getChoices()).noneMatch(c -> c.getQuestionId().equals("localCouncil"));
        assertThat(out.getSecureSetting()).isTrue();
    }

    @Test
    void routesDisclosureToFlagTopicOnlyWithoutResponseId() {
        // given a response whose free text discloses physical abuse
        String id = newResponseId();
        publish(id, EventCodec.LOCATED.encode(located(TestKeys.fieldCipher(), id, 11, false, null,
                Map.of("feelings", DISCLOSURE))));

        // then the de-identified record arrives
        DeidentifiedResponseEvent out = EventCodec.DEIDENTIFIED.decode(deidentified.await(r -> id.equals(r.key())).value());
        assertThat(out.getAgeBand()).isEqualTo("9-12");

        // and a flag arrives keyed by its own random id, carrying the raw text only encrypted for the safeguarding team
        ConsumerRecord<String, byte[]> flagRecord = flags.await(r -> {
            SafeguardingFlagEvent f = EventCodec.SAFEGUARDING_FLAG.decode(r.value());
            return TestKeys.flagCipher().decrypt(f.getText(), f.getFlagId(), "text").equals(DISCLOSURE);
        });
        SafeguardingFlagEvent flag = EventCodec.SAFEGUARDING_FLAG.decode(flagRecord.value());
        assertThat(flagRecord.key()).isEqualTo(flag.getFlagId()).isNotEqualTo(id);
        assertThat(flag.getCategories()).contains(SafeguardingCategory.PHYSICAL_ABUSE);
        assertThat(flag.getQuestionId()).isEqualTo("feelings");
        assertThat(flag.getLad()).isEqualTo("E08000025");
        assertThat(new String(flagRecord.value(), StandardCharsets.ISO_8859_1)).doesNotContain(id, "step dad");
        assertThat(deidentified.records()).noneMatch(r -> new String(r.value(), StandardCharsets.ISO_8859_1)
                .contains(flag.getFlagId()));
        assertThat(LogCapture.text()).doesNotContain("step dad", flag.getFlagId());
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAndStreamContinues() {
        // given a record that is not a located event, then a good one
        String bad = newResponseId();
        String good = newResponseId();
        publish(bad, "my phone is 07700 900999".getBytes(StandardCharsets.UTF_8));
        publish(good, EventCodec.LOCATED.encode(located(TestKeys.fieldCipher(), good, 9, false, null, Map.of())));

        // then the bad one is dead-lettered with a reason and the good one still goes through
        ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> bad.equals(r.key()));
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not an Avro").doesNotContain("07700");
        deidentified.await(r -> good.equals(r.key()));
        assertThat(LogCapture.text()).doesNotContain("900999");
    }

    @Test
    void recordEncryptedForAnotherResponseIsDeadLettered() {
        // given a located event whose ciphertext was bound to a different response id
        String id = newResponseId();
        LocatedResponseEvent moved = located(TestKeys.fieldCipher(), newResponseId(), 12, false, null,
                Map.of("aspirations", "be a footballer"));
        moved.setResponseId(id);
        publish(id, EventCodec.LOCATED.encode(moved));

        // then it is dead-lettered and never published de-identified
        ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> id.equals(r.key()));
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("failed authentication");
        assertThat(deidentified.records()).noneMatch(r -> id.equals(r.key()));
    }

    @Test
    void batchIsPublishedExactlyOnceWithItsOffsetsInOneTransaction() {
        // given 40 responses published together, one of them with a disclosure
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        String disclosure = "a man online keeps asking me for pics";
        for (int i = 0; i < 40; i++) {
            String id = newResponseId();
            ids.add(id);
            Map<String, String> text = i == 17 ? Map.of("feelings", disclosure) : Map.of("aspirations", "be a vet");
            records.add(new ProducerRecord<>(Topics.LOCATED, id,
                    EventCodec.LOCATED.encode(located(TestKeys.fieldCipher(), id, 12, false, null, text))));
        }
        companion.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));

        // then a read-committed reader sees every response once, and the flag once
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deidentified.records().stream()
                .filter(r -> ids.contains(r.key())).count() >= ids.size());
        Map<String, Long> perId = deidentified.records().stream().filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perId).hasSize(ids.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        flags.await(r -> TestKeys.flagCipher().decrypt(EventCodec.SAFEGUARDING_FLAG.decode(r.value()).getText(),
                EventCodec.SAFEGUARDING_FLAG.decode(r.value()).getFlagId(), "text").equals(disclosure));
        assertThat(flags.records().stream().filter(r -> {
            SafeguardingFlagEvent f = EventCodec.SAFEGUARDING_FLAG.decode(r.value());
            return TestKeys.flagCipher().decrypt(f.getText(), f.getFlagId(), "text").equals(disclosure);
        })).hasSize(1);

        // and the anonymiser's committed offsets (written by the transaction, not by the connector) reach the end
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = companion.consumerGroups().offsets("anonymiser");
            for (TopicPartition partition : companion.topics().describe(Topics.LOCATED).get(Topics.LOCATED).partitions()
                    .stream().map(p -> new TopicPartition(Topics.LOCATED, p.partition())).toList()) {
                long end = companion.offsets().get(partition, OffsetSpec.latest()).offset();
                assertThat(committed.get(partition)).as("committed offset of " + partition).isNotNull();
                // the end offset counts the transaction markers too; the committed offset is at or just behind it
                assertThat(committed.get(partition).offset()).isGreaterThanOrEqualTo(end - 1);
            }
        });
    }

    private static void publish(String key, byte[] value) {
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.LOCATED, key, value))
                .awaitCompletion(Duration.ofSeconds(30));
    }
}
