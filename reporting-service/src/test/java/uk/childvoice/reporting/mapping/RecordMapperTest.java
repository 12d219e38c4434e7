package uk.childvoice.reporting.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
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
        assertThat(RecordMapper.choiceCells(record.cubeOptions(), cell))
                .anySatisfy(c -> assertThat(c).startsWith("supportReceived", "teacher"))
                .anySatisfy(c -> assertThat(c).startsWith("supportReceived", "counsellor_therapist"))
                .anySatisfy(c -> assertThat(c).startsWith("supportReceived", RecordMapper.RESPONDENTS));
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
        assertThat(RecordMapper.choiceCells(record.cubeOptions(), record.recordCell())).isNotEmpty()
                .noneSatisfy(c -> assertThat(c[0]).isEqualTo("localCouncil"));
        assertThat(RecordMapper.pairCells(record.cubeOptions(), "13-17")).isNotEmpty()
                .noneSatisfy(c -> assertThat(java.util.List.of(c[0], c[2])).contains("localCouncil"));
    }

    @Test
    void pairCellsCrossEveryTwoQuestionsOptionsAndRespondentsOnce() {
        // given three closed questions with one, two and one options (each also has the respondents '*')
        java.util.Map<String, java.util.List<String>> options = new java.util.TreeMap<>(java.util.Map.of(
                "b", java.util.List.of("x", "y"), "a", java.util.List.of("p"), "c", java.util.List.of("q")));

        // when the pair cells are made
        java.util.List<String> cells = new java.util.ArrayList<>();
        RecordMapper.pairCells(options, "13-17").forEach(c -> cells.add(String.join(",", c)));

        // then a < b in every cell, and each pair of questions crosses all options: 2x3 + 2x2 + 3x2 = 16, all distinct
        assertThat(cells).hasSize(16).doesNotHaveDuplicates()
                .contains("a,p,b,x,13-17", "a,*,b,*,13-17", "a,p,c,*,13-17", "b,y,c,q,13-17", "b,*,c,*,13-17")
                .allSatisfy(c -> assertThat(c.split(",")[0].compareTo(c.split(",")[2])).isNegative());
        // and a record with one question has none
        assertThat(RecordMapper.pairCells(java.util.Map.of("a", java.util.List.of("p")), "13-17")).isEmpty();
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
