package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aRecordAddedByCodesMakesExactlyTheCellsOfTheMapperAndSubtractsToZero() {
        // given two records with several closed questions (one declined, one with two options, the named local
        // council that the question cubes leave out) and the cells the mapper says they make
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
            RecordMapper.choiceCells(record.cubeOptions(), record.recordCell()).forEach(cell -> expected.choices().add(cell, 1, key));
            RecordMapper.pairCells(record.cubeOptions(), record.recordCell()[Dimension.QUESTIONNAIRE.ordinal()]).forEach(cell -> expected.pairs().add(cell, 1, key));
        }

        // when they are added to the cubes (and, into other cubes, added and subtracted again, as retention does)
        RecordCubes cubes = RecordCubes.empty();
        RecordCubes undone = RecordCubes.empty();
        for (ResponseRecord record : records) {
            cubes.add(record);
            undone.add(record);
            undone.add(record, -1);
        }

        // then every cube holds exactly the mapper's cells with their counts and key sums
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

    private static Map<String, List<Long>> cells(Cube cube) {
        Map<String, List<Long>> cells = new HashMap<>();
        cube.forEach(0, Integer.MAX_VALUE, (cell, count, keySum) -> cells.put(Arrays.toString(cell), List.of(count, keySum)));
        return cells;
    }
}
