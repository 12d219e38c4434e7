package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.cube.Cube;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.service.Dimension;

class RecordCubesTest {

    @Test
    void aRecordAddedByCodesMakesExactlyItsCellsAndSubtractsToZero() {
        // given two records with several closed questions (one declined, one with two options, the named local
        // council that the question cubes leave out) and the cells they make, spelled out value by value
        DeidentifiedResponseEvent first = TestEvents.response("E12000007", "E09000029", "girl", 42);
        first.getChoices().add(ChoiceAnswer.newBuilder().setQuestionId("barriers").setStatus(AnswerStatus.PREFER_NOT_TO_SAY).build());
        first.getChoices().add(ChoiceAnswer.newBuilder().setQuestionId("localCouncil").setStatus(AnswerStatus.ANSWERED)
                .setCodes(List.of("E09000029")).build());
        DeidentifiedResponseEvent second = TestEvents.response("E12000002", "E06000045", "boy", 7);
        List<ResponseRecord> records = List.of(RecordMapper.map(first, 4096), RecordMapper.map(second, 4096));
        RecordCubes expected = RecordCubes.empty();
        for (ResponseRecord record : records) {
            long key = record.recordKey();
            expected.records().add(record.recordCell(), 1, key);
            choiceCells(record).forEach(cell -> expected.choices().add(cell, 1, key));
            pairCells(record).forEach(cell -> expected.pairs().add(cell, 1, key));
        }

        // when they are added to the cubes (and, into other cubes, added and subtracted again, as retention does)
        RecordCubes cubes = RecordCubes.empty();
        RecordCubes undone = RecordCubes.empty();
        for (ResponseRecord record : records) {
            cubes.add(record);
            undone.add(record);
            undone.add(record, -1);
        }

        // then every cube holds exactly those cells with their counts and key sums
        assertThat(cells(cubes.choices())).isEqualTo(cells(expected.choices())).hasSizeGreaterThan(10);
        assertThat(cells(cubes.pairs())).isEqualTo(cells(expected.pairs())).hasSizeGreaterThan(10);
        assertThat(cells(cubes.records())).isEqualTo(cells(expected.records())).hasSize(2);
        // and each dimension has taken only values that some cell has (tables list a dimension's values)
        for (int d = 0; d < cubes.pairs().dimensions(); d++) {
            assertThat(cubes.pairs().values(d)).as("pair dimension %d", d).containsExactlyInAnyOrderElementsOf(expected.pairs().values(d));
        }
        for (int d = 0; d < cubes.choices().dimensions(); d++) {
            assertThat(cubes.choices().values(d)).as("choice dimension %d", d)
                    .containsExactlyInAnyOrderElementsOf(expected.choices().values(d));
        }
        // and the subtracted ones are all back at zero
        for (Cube cube : List.of(undone.records(), undone.choices(), undone.pairs())) {
            assertThat(cells(cube).values()).isNotEmpty().allSatisfy(sums -> assertThat(sums).containsExactly(0L, 0L));
        }
    }

    @Test
    void addingAllOfOneCubeToAnotherSumsCellsWhoseValuesHaveDifferentCodes() {
        // given two cubes that met the same values in different orders (so their dictionary codes differ)
        Cube target = new Cube(2);
        target.add(new String[] {"a", "x"}, 1, 5);
        target.add(new String[] {"b", "y"}, 2, 6);
        Cube other = new Cube(2);
        other.add(new String[] {"b", "x"}, 3, 7);
        other.add(new String[] {"a", "x"}, 4, 8);
        other.add(new String[] {"c", "z"}, 1, 9);

        // when one is added to the other
        target.addAll(other);

        // then cells with the same values were summed, whatever their codes, and new ones appended
        assertThat(cells(target)).containsOnly(
                Map.entry("[a, x]", List.of(5L, 13L)), Map.entry("[b, y]", List.of(2L, 6L)),
                Map.entry("[b, x]", List.of(3L, 7L)), Map.entry("[c, z]", List.of(1L, 9L)));
    }

    @Test
    void pairCellsCrossEveryTwoQuestionsOptionsAndRespondentsOnce() {
        // given a record with three closed questions of one, two and one options (each also has the respondents '*')
        String choices = "{\"b\": {\"codes\": [\"x\", \"y\"]}, \"a\": {\"codes\": [\"p\"]}, \"c\": {\"codes\": [\"q\"]}}";
        String[] recordCell = RecordMapper.map(TestEvents.response("E12000007", "E09000029", "girl", 42), 4096).recordCell();

        // when it is added to the cubes
        RecordCubes cubes = RecordCubes.empty();
        cubes.add(RecordMapper.contribution("r1", recordCell, choices, 5));

        // then a < b in every pair cell, and each two questions cross all their options: 2x3 + 2x2 + 3x2 = 16, each once
        String questionnaire = recordCell[Dimension.QUESTIONNAIRE.ordinal()];
        Map<String, List<Long>> pairs = cells(cubes.pairs());
        assertThat(pairs).hasSize(16)
                .containsKeys(cell("a", "p", "b", "x", questionnaire), cell("a", "*", "b", "*", questionnaire),
                        cell("a", "p", "c", "*", questionnaire), cell("b", "y", "c", "q", questionnaire), cell("b", "*", "c", "*", questionnaire))
                .allSatisfy((cell, sums) -> assertThat(sums).containsExactly(1L, 5L));
        // and 4 choice cells for the options plus 3 for the respondents
        assertThat(cells(cubes.choices())).hasSize(7);
        // and a record with one closed question has no pair cell
        RecordCubes single = RecordCubes.empty();
        single.add(RecordMapper.contribution("r2", recordCell, "{\"a\": {\"codes\": [\"p\"]}}", 5));
        assertThat(single.pairs().size()).isZero();
        assertThat(single.choices().size()).isEqualTo(2);
    }

    private static String cell(String... values) {
        return Arrays.toString(values);
    }

    /** The test's own spelling of a record's choice cells: per question the respondents and each option, with the broad dimensions. */
    private static List<String[]> choiceCells(ResponseRecord record) {
        List<String[]> cells = new ArrayList<>();
        record.cubeOptions().forEach((question, options) -> {
            List<String> all = new ArrayList<>(options);
            all.add(RecordMapper.RESPONDENTS);
            for (String option : all) {
                List<String> cell = new ArrayList<>(List.of(question, option));
                Dimension.BROAD.forEach(d -> cell.add(record.recordCell()[d.ordinal()]));
                cells.add(cell.toArray(String[]::new));
            }
        });
        return cells;
    }

    /** The test's own spelling of a record's pair cells: every two questions a &lt; b, options and respondents crossed. */
    private static List<String[]> pairCells(ResponseRecord record) {
        List<String[]> cells = new ArrayList<>();
        List<String> questions = new ArrayList<>(record.cubeOptions().keySet());
        for (int a = 0; a < questions.size(); a++) {
            for (int b = a + 1; b < questions.size(); b++) {
                List<String> optionsA = new ArrayList<>(record.cubeOptions().get(questions.get(a)));
                optionsA.add(RecordMapper.RESPONDENTS);
                List<String> optionsB = new ArrayList<>(record.cubeOptions().get(questions.get(b)));
                optionsB.add(RecordMapper.RESPONDENTS);
                for (String optionA : optionsA) {
                    for (String optionB : optionsB) {
                        cells.add(new String[] {questions.get(a), optionA, questions.get(b), optionB,
                            record.recordCell()[Dimension.QUESTIONNAIRE.ordinal()]});
                    }
                }
            }
        }
        return cells;
    }

    private static Map<String, List<Long>> cells(Cube cube) {
        Map<String, List<Long>> cells = new HashMap<>();
        cube.forEach(0, Integer.MAX_VALUE, (cell, count, keySum) -> cells.put(Arrays.toString(cell), List.of(count, keySum)));
        return cells;
    }
}
