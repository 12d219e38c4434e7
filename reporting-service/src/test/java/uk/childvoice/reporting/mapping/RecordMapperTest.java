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
}
