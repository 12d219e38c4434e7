package uk.childvoice.reporting.repository;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import uk.childvoice.reporting.cube.Cube;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.service.Dimension;

/**
 * The record, choice and pair cubes of one generation in memory, with the columns of their tables in
 * PostgreSQL: what an instance answers tables from, and what a fold sums records into before writing.
 */
public record RecordCubes(Cube records, Cube choices, Cube pairs) {

    /** Empty cubes that tables are answered from. */
    public static RecordCubes empty() {
        return new RecordCubes(new Cube(CubeRepository.RECORD_COLUMNS.length), new Cube(CubeRepository.CHOICE_COLUMNS.length),
                new Cube(CubeRepository.PAIR_COLUMNS.length));
    }

    /** Empty cubes for sums only, added into other cubes or written, never asked for a table ({@link Cube#forSums}). */
    public static RecordCubes forSums() {
        return new RecordCubes(Cube.forSums(CubeRepository.RECORD_COLUMNS.length), Cube.forSums(CubeRepository.CHOICE_COLUMNS.length),
                Cube.forSums(CubeRepository.PAIR_COLUMNS.length));
    }

    /** Adds one record's contribution to every cube. */
    public void add(ResponseRecord record) {
        add(record, 1);
    }

    /**
     * Adds (sign +1) or subtracts (sign -1) one record's contribution to or from every cube: its record
     * cell; per closed question of {@link ResponseRecord#cubeOptions}, a choice cell for the respondents
     * ({@code *}) and one per option, each with the record's broad dimensions; and for every two of those
     * questions a &lt; b (String order), a pair cell for each option of a and {@code *} crossed with each
     * option of b and {@code *}. Retention subtracts exactly what ingestion added, from the stored
     * choices. Each value is turned into its dictionary code once, and the cells are added by code: a
     * generated response has about 40 choice and 350 pair cells, and looking every value up in every
     * cell was most of the service's CPU.
     */
    public void add(ResponseRecord record, int sign) {
        long key = (long) sign * record.recordKey();
        String[] recordCell = record.recordCell();
        records.add(recordCell, sign, key);
        SortedMap<String, List<String>> options = record.cubeOptions();
        if (options.isEmpty()) {
            return;
        }
        // Each cube's lock once for the record's hundreds of cells, not once a cell. Choices before pairs:
        // nothing takes them the other way round.
        choices.addInOneLock(choiceCells -> pairs.addInOneLock(pairCells -> addQuestions(choiceCells, pairCells, recordCell, options, sign, key)));
    }

    private void addQuestions(Cube.Additions choiceCells, Cube.Additions pairCells, String[] recordCell,
            SortedMap<String, List<String>> options, int sign, long key) {
        int[] choice = new int[choices.dimensions()];
        for (int i = 0; i < Dimension.BROAD.size(); i++) {
            choice[2 + i] = choiceCells.code(2 + i, recordCell[Dimension.BROAD.get(i).ordinal()]);
        }
        int respondents = choiceCells.code(1, RecordMapper.RESPONDENTS);
        int questions = options.size();
        int[] questionA = new int[questions];
        int[] questionB = new int[questions];
        int[][] optionA = new int[questions][];
        int[][] optionB = new int[questions][];
        int q = 0;
        for (Map.Entry<String, List<String>> question : options.entrySet()) {
            choice[0] = choiceCells.code(0, question.getKey());
            choice[1] = respondents;
            choiceCells.add(choice, sign, key);
            for (String option : question.getValue()) {
                choice[1] = choiceCells.code(1, option);
                choiceCells.add(choice, sign, key);
            }
            // The last question is never a, the first never b: their values stay out of those dimensions.
            if (q < questions - 1) {
                questionA[q] = pairCells.code(0, question.getKey());
                optionA[q] = pairCodes(pairCells, 1, question.getValue());
            }
            if (q > 0) {
                questionB[q] = pairCells.code(2, question.getKey());
                optionB[q] = pairCodes(pairCells, 3, question.getValue());
            }
            q++;
        }
        if (questions < 2) {
            return;
        }
        int[] pair = new int[pairs.dimensions()];
        pair[4] = pairCells.code(4, recordCell[Dimension.QUESTIONNAIRE.ordinal()]);
        for (int a = 0; a < questions; a++) {
            pair[0] = questionA[a];
            for (int b = a + 1; b < questions; b++) {
                pair[2] = questionB[b];
                for (int optionOfA : optionA[a]) {
                    pair[1] = optionOfA;
                    for (int optionOfB : optionB[b]) {
                        pair[3] = optionOfB;
                        pairCells.add(pair, sign, key);
                    }
                }
            }
        }
    }

    /** The codes of a question's options in one of the pair cube's option dimensions, the respondent base last. */
    private static int[] pairCodes(Cube.Additions pairCells, int dimension, List<String> options) {
        int[] codes = new int[options.size() + 1];
        for (int i = 0; i < options.size(); i++) {
            codes[i] = pairCells.code(dimension, options.get(i));
        }
        codes[options.size()] = pairCells.code(dimension, RecordMapper.RESPONDENTS);
        return codes;
    }

    /** Adds every cell of other cubes to these. */
    public void addAll(RecordCubes other) {
        records.addAll(other.records);
        choices.addAll(other.choices);
        pairs.addAll(other.pairs);
    }

    /** Empties the three cubes, keeping their arrays ({@link Cube#clear}). */
    public void clear() {
        records.clear();
        choices.clear();
        pairs.clear();
    }

    /** Cells held in the three cubes. */
    public int cells() {
        return records.size() + choices.size() + pairs.size();
    }
}
