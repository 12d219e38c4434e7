package uk.childvoice.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.DeidentifiedArea;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.GeographySource;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.ScrubbedTextAnswer;
import uk.childvoice.testsupport.KafkaResource;

/** Builds de-identified events and publishes them to the real broker. */
public final class TestEvents {
    private TestEvents() {
    }

    /** A 13-17 response from the given area, gender and record key. */
    public static DeidentifiedResponseEvent response(String region, String lad, String gender, int recordKey) {
        List<ChoiceAnswer> choices = new ArrayList<>();
        choices.add(choice("gender", gender));
        choices.add(choice("ethnicity", "white_british"));
        choices.add(choice("livingSituation", "with_parents"));
        choices.add(ChoiceAnswer.newBuilder().setQuestionId("supportReceived").setStatus(AnswerStatus.ANSWERED)
                .setCodes(List.of("teacher", "counsellor_therapist")).build());
        choices.add(choice("feelingsFuture", "not_sure"));
        return DeidentifiedResponseEvent.newBuilder()
                .setResponseId(UUID.randomUUID().toString())
                .setQuestionnaireId("13-17")
                .setQuestionnaireVersion(1)
                .setSubmittedOn(LocalDate.of(2026, 11, 2))
                .setAgeStatus(AnswerStatus.ANSWERED)
                .setAge(15)
                .setAgeBand("13-17")
                .setEthnicityBroad("white")
                .setSecureSetting(false)
                .setChoices(choices)
                .setArea(DeidentifiedArea.newBuilder().setStatus(GeographyStatus.OK).setSource(GeographySource.POSTCODE)
                        .setRegion(region).setLad(lad).setLadName("Somewhere").setImdDecile(7).setImdEdition("IoD2025")
                        .setDataVersion("NSPL-2021-11").build())
                .setFreeText(List.of(ScrubbedTextAnswer.newBuilder().setQuestionId("futureJob")
                        .setStatus(AnswerStatus.ANSWERED).setText("text me on [PHONE], I want to be a vet").setRedactions(1).build()))
                .setRecordKey(recordKey)
                .build();
    }

    /** The same response for another questionnaire id, so that tests sharing one database stay apart. */
    public static DeidentifiedResponseEvent forQuestionnaire(String questionnaire, String region, String gender, int recordKey) {
        DeidentifiedResponseEvent event = response(region, "E06000001", gender, recordKey);
        event.setQuestionnaireId(questionnaire);
        return event;
    }

    static ChoiceAnswer choice(String question, String code) {
        return ChoiceAnswer.newBuilder().setQuestionId(question).setStatus(AnswerStatus.ANSWERED).setCodes(List.of(code)).build();
    }

    /** Publishes encoded events keyed by response id and waits for the broker's acknowledgement. */
    public static void publish(List<DeidentifiedResponseEvent> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream()
                .map(e -> new ProducerRecord<>(Topics.DEIDENTIFIED, e.getResponseId(), EventCodec.DEIDENTIFIED.encode(e)))
                .toList();
        publishRaw(records);
    }

    public static void publishRaw(List<ProducerRecord<String, byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }
}
