package uk.childvoice.reporting.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.repository.RecordCubes;
import uk.childvoice.reporting.repository.ResponseRecord;
import uk.childvoice.reporting.service.Dimension;

class RecordMapperTest {

    @Test
    void mapsAreaChoicesAndMissingDataCodesToCubeCells() {
        // given a response that declined ethnicity
        DeidentifiedResponseEvent event = TestEvents.response("E12000007", "E09000029", "girl", 42);
        event.getChoices().removeIf(c -> c.getQuestionId().equals("ethnicity"));
        event.getChoices().add(uk.childvoice.contracts.v1.ChoiceAnswer.newBuilder().setQuestionId("ethnicity")
                .setStatus(AnswerStatus.PREFER_NOT_TO_SAY).build());
        event.setEthnicityBroad(null);

        // when it is mapped after a round trip through the codec
        ResponseRecord record = RecordMapper.map(EventCodec.DEIDENTIFIED.decode(EventCodec.DEIDENTIFIED.encode(event)), 4096);

        // then
        String[] cell = record.recordCell();
        assertThat(cell[Dimension.REGION.ordinal()]).isEqualTo("E12000007");
        assertThat(cell[Dimension.LOCAL_AUTHORITY.ordinal()]).isEqualTo("E09000029");
        assertThat(cell[Dimension.GENDER.ordinal()]).isEqualTo("girl");
        assertThat(cell[Dimension.ETHNICITY.ordinal()]).isEqualTo("PREFER_NOT_TO_SAY");
        assertThat(cell[Dimension.ETHNICITY_BROAD.ordinal()]).isEqualTo("PREFER_NOT_TO_SAY");
        assertThat(cell[Dimension.AGE.ordinal()]).isEqualTo("15");
        assertThat(cell[Dimension.IMD_DECILE.ordinal()]).isEqualTo("7");
        assertThat(record.cubeOptions()).containsEntry("supportReceived", java.util.List.of("teacher", "counsellor_therapist"))
                .containsEntry("ethnicity", java.util.List.of("PREFER_NOT_TO_SAY"));
        assertThat(record.freeText()).singleElement().satisfies(t -> assertThat(t.text()).contains("[PHONE]"));
    }

    @Test
    void theNamedLocalCouncilIsTheLocalAuthorityDimensionNotAQuestionOfTheCubes() {
        // given a child who named their local council (geography-service made it the area's local authority)
        DeidentifiedResponseEvent event = TestEvents.response("E12000007", "E09000029", "girl", 42);
        event.getChoices().add(uk.childvoice.contracts.v1.ChoiceAnswer.newBuilder().setQuestionId("localCouncil")
                .setStatus(AnswerStatus.ANSWERED).setCodes(java.util.List.of("E09000029")).build());

        // when it is mapped
        ResponseRecord record = RecordMapper.map(event, 4096);

        // then the council is the record's local authority and is stored, but no choice or pair cell has it
        assertThat(record.recordCell()[Dimension.LOCAL_AUTHORITY.ordinal()]).isEqualTo("E09000029");
        assertThat(record.choicesJson()).contains("localCouncil");
        assertThat(record.cubeOptions()).isNotEmpty().doesNotContainKey("localCouncil");
        RecordCubes cubes = RecordCubes.empty();
        cubes.add(record);
        assertThat(cubes.choices().values(0)).isNotEmpty().doesNotContain("localCouncil");
        assertThat(cubes.pairs().values(0)).isNotEmpty().doesNotContain("localCouncil");
        assertThat(cubes.pairs().values(2)).isNotEmpty().doesNotContain("localCouncil");
    }

    @Test
    void secureSettingWithRegionOnlyPublishesNoLocalAuthority() {
        DeidentifiedResponseEvent event = TestEvents.response("E12000002", null, "boy", 1);
        event.getArea().setImdDecile(null);
        ResponseRecord record = RecordMapper.map(event, 4096);
        assertThat(record.recordCell()[Dimension.LOCAL_AUTHORITY.ordinal()]).isEqualTo(RecordMapper.NOT_PUBLISHED);
        assertThat(record.recordCell()[Dimension.IMD_DECILE.ordinal()]).isEqualTo(RecordMapper.NOT_PUBLISHED);
    }

    @Test
    void rejectsRecordKeyOutsideTheKeySpace() {
        DeidentifiedResponseEvent event = TestEvents.response("E12000002", "E06000001", "boy", 4096);
        assertThatThrownBy(() -> RecordMapper.map(event, 4096)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("recordKey");
    }

    @Test
    void theStoredChoicesReadBackToTheCubeOptionsTheEventGave() throws Exception {
        // given a mapped response with a multiple-choice answer, a declined one and the local council
        DeidentifiedResponseEvent event = TestEvents.response("E12000007", "E09000029", "girl", 42);
        event.getChoices().add(uk.childvoice.contracts.v1.ChoiceAnswer.newBuilder().setQuestionId("localCouncil")
                .setStatus(AnswerStatus.ANSWERED).setCodes(java.util.List.of("E09000029")).build());
        ResponseRecord record = RecordMapper.map(event, 4096);

        // when its stored choices are read back, as every instance does with every record stored
        ResponseRecord readBack = RecordMapper.contribution(record.responseId(), record.recordCell(), record.choicesJson(), 42);

        // then they give the same cube options, and the stored JSON holds every answer with its status and codes
        assertThat(readBack.cubeOptions()).isEqualTo(record.cubeOptions()).containsKey("supportReceived");
        com.fasterxml.jackson.databind.JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.choicesJson());
        assertThat(stored.path("supportReceived").path("status").asText()).isEqualTo("ANSWERED");
        assertThat(stored.path("supportReceived").path("codes").toString()).isEqualTo("[\"teacher\",\"counsellor_therapist\"]");
        assertThat(stored.path("localCouncil").path("codes").toString()).isEqualTo("[\"E09000029\"]");
    }

    @Test
    void storedChoicesAreReadWhateverTheOrderOfTheirFieldsAndSkippingOnesItDoesNotKnow() {
        // given stored choices with "codes" before and after "status", an unknown nested field, and the local council
        String json = "{\"b\": {\"codes\": [\"x\", \"y\"], \"status\": \"ANSWERED\", \"note\": {\"n\": [1, {\"m\": []}]}},"
                + " \"a\": {\"status\": \"PREFER_NOT_TO_SAY\", \"codes\": [\"PREFER_NOT_TO_SAY\"]},"
                + " \"localCouncil\": {\"status\": \"ANSWERED\", \"codes\": [\"E09000029\"]}, \"c\": {\"status\": \"NOT_ASKED\"}}";

        // when they are read back
        ResponseRecord record = RecordMapper.contribution("r1", new String[Dimension.values().length], json, 7);

        // then every question but the council has its codes, in order (one with none has an empty list)
        assertThat(record.cubeOptions()).containsExactly(java.util.Map.entry("a", java.util.List.of("PREFER_NOT_TO_SAY")),
                java.util.Map.entry("b", java.util.List.of("x", "y")), java.util.Map.entry("c", java.util.List.of()));
        assertThat(record.recordKey()).isEqualTo(7);
    }

    @Test
    void anOptionWithAControlCharacterIsRejectedNamingItsQuestion() {
        DeidentifiedResponseEvent event = TestEvents.response("E12000002", "E06000001", "boy", 1);
        event.getChoices().add(uk.childvoice.contracts.v1.ChoiceAnswer.newBuilder().setQuestionId("barriers")
                .setStatus(AnswerStatus.ANSWERED).setCodes(java.util.List.of("money", "sch\u0007ool")).build());
        assertThatThrownBy(() -> RecordMapper.map(event, 4096)).isInstanceOf(InvalidRecordException.class)
                .hasMessage("choices.barriers is not a valid code");
    }
}
