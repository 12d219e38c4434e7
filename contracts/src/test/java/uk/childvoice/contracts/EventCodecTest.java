package uk.childvoice.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.codec.SchemaHistory;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.EncryptedTextAnswer;
import uk.childvoice.contracts.v1.RawResponseEvent;

class EventCodecTest {
    private final FieldCipher cipher = new FieldCipher("k1", Map.of("k1", FieldCipher.generateKey()));

    @Test
    void rawEventSurvivesARoundTrip() {
        RawResponseEvent event = sampleRaw();

        RawResponseEvent decoded = EventCodec.RAW.decode(EventCodec.RAW.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(cipher.decrypt(decoded.getPostcode(), "r-1", QuestionIds.POSTCODE)).isEqualTo("SW1A 1AA");
    }

    @Test
    void encodesExactlyTheBytesOfAvrosSingleObjectEncoding() throws IOException {
        RawResponseEvent event = sampleRaw();
        java.nio.ByteBuffer avro = new org.apache.avro.message.BinaryMessageEncoder<RawResponseEvent>(
                new org.apache.avro.specific.SpecificData(), RawResponseEvent.getClassSchema()).encode(event);
        byte[] expected = new byte[avro.remaining()];
        avro.get(expected);

        byte[] ours = EventCodec.RAW.encode(event);

        assertThat(ours).isEqualTo(expected);
        // and what Avro's decoder reads back is the event
        assertThat(new org.apache.avro.message.BinaryMessageDecoder<RawResponseEvent>(new org.apache.avro.specific.SpecificData(),
                RawResponseEvent.getClassSchema()).decode(ours)).isEqualTo(event);
    }

    @Test
    void encodingOneEventAfterAnotherLeavesNothingOfTheFirst() {
        RawResponseEvent big = sampleRaw();
        RawResponseEvent small = RawResponseEvent.newBuilder(big).setResponseId("r-2").setChoices(List.of())
                .setFreeText(List.of()).build();

        byte[] first = EventCodec.RAW.encode(big);
        byte[] second = EventCodec.RAW.encode(small);

        assertThat(second.length).isLessThan(first.length);
        assertThat(EventCodec.RAW.decode(second)).isEqualTo(small);
        assertThat(EventCodec.RAW.decode(first)).isEqualTo(big);
    }

    @Test
    void truncatedMessageIsMalformedNotAHalfEvent() {
        byte[] bytes = EventCodec.RAW.encode(sampleRaw());

        assertThatThrownBy(() -> EventCodec.RAW.decode(java.util.Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("malformed RawResponseEvent");
        assertThatThrownBy(() -> EventCodec.RAW.decode(java.util.Arrays.copyOf(bytes, 6)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("malformed RawResponseEvent");
    }

    @Test
    void encodedEventIsCompactAndCarriesNoPlaintextPersonalField() {
        byte[] bytes = EventCodec.RAW.encode(sampleRaw());

        String asText = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("SW1A").doesNotContain("my teacher");
        assertThat(bytes.length).isLessThan(400);
    }

    @Test
    void decodesDataWrittenWithTheReleasedSchema() throws IOException {
        Schema released = SchemaHistory.of("RawResponseEvent").get(0);
        GenericData.Record old = new GenericData.Record(released);
        old.put("responseId", "r-old");
        old.put("questionnaireId", "13-17");
        old.put("questionnaireVersion", 1);
        old.put("submittedAt", 0L);
        old.put("ageStatus", new GenericData.EnumSymbol(released.getField("ageStatus").schema(), "PREFER_NOT_TO_SAY"));
        old.put("age", null);
        old.put("secureSetting", false);
        old.put("choices", List.of());
        old.put("postcodeStatus", new GenericData.EnumSymbol(released.getField("postcodeStatus").schema(), "NOT_ANSWERED"));
        old.put("postcode", null);
        old.put("schoolStatus", new GenericData.EnumSymbol(released.getField("schoolStatus").schema(), "NOT_ANSWERED"));
        old.put("school", null);
        old.put("freeText", List.of());

        RawResponseEvent decoded = EventCodec.RAW.decode(singleObject(released, old));

        assertThat(decoded.getResponseId()).isEqualTo("r-old");
        assertThat(decoded.getAgeStatus()).isEqualTo(AnswerStatus.PREFER_NOT_TO_SAY);
    }

    @Test
    void garbageIsRejectedWithAReasonAndNoPayload() {
        assertThatThrownBy(() -> EventCodec.RAW.decode("{\"postcode\":\"SW1A 1AA\"}".getBytes()))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("bad header")
                .hasMessageNotContaining("SW1A");
        assertThatThrownBy(() -> EventCodec.RAW.decode(new byte[0])).isInstanceOf(EventDecodingException.class);
    }

    @Test
    void aLocatedEventCannotBeReadAsARawEvent() {
        byte[] deidentifiedBytes = EventCodec.RAW.encode(sampleRaw());

        assertThatThrownBy(() -> EventCodec.LOCATED.decode(deidentifiedBytes))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown writer schema");
    }

    private RawResponseEvent sampleRaw() {
        return RawResponseEvent.newBuilder()
                .setResponseId("r-1")
                .setQuestionnaireId("13-17")
                .setQuestionnaireVersion(1)
                .setSubmittedAt(Instant.parse("2026-04-19T10:15:30Z"))
                .setAgeStatus(AnswerStatus.ANSWERED)
                .setAge(14)
                .setChoices(List.of(new ChoiceAnswer(QuestionIds.GENDER, AnswerStatus.ANSWERED, List.of("girl"))))
                .setPostcodeStatus(AnswerStatus.ANSWERED)
                .setPostcode(cipher.encrypt("SW1A 1AA", "r-1", QuestionIds.POSTCODE))
                .setSchoolStatus(AnswerStatus.NOT_ANSWERED)
                .setFreeText(List.of(new EncryptedTextAnswer("aspirations", AnswerStatus.ANSWERED,
                        cipher.encrypt("my teacher helps me", "r-1", "freeText/aspirations"))))
                .build();
    }

    private static byte[] singleObject(Schema schema, GenericData.Record record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, (byte) 0x01});
        long fp = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fp >>> (8 * i)) & 0xff);
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
