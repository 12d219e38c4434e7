package uk.childvoice.reporting.repository;

import uk.childvoice.reporting.cube.Cube;

/**
 * The record, choice and pair cubes of one generation in memory, with the columns of their tables in
 * PostgreSQL: what an instance answers tables from, and what a fold sums records into before writing.
 */
public record RecordCubes(Cube records, Cube choices, Cube pairs) {

    public static RecordCubes empty() {
        return new RecordCubes(new Cube(CubeRepository.RECORD_COLUMNS.length), new Cube(CubeRepository.CHOICE_COLUMNS.length),
                new Cube(CubeRepository.PAIR_COLUMNS.length));
    }

    /** Adds one record's contribution to every cube. */
    public void add(ResponseRecord record) {
        add(record, 1);
    }

    /** Adds (sign +1) or subtracts (sign -1) one record's contribution to or from every cube. */
    public void add(ResponseRecord record, int sign) {
        long key = (long) sign * record.recordKey();
        records.add(record.recordCell(), sign, key);
        for (String[] cell : record.choiceCells()) {
            choices.add(cell, sign, key);
        }
        for (String[] cell : record.pairCells()) {
            pairs.add(cell, sign, key);
        }
    }

    /** Adds every cell of other cubes to these. */
    public void addAll(RecordCubes other) {
        other.records.forEach(0, Integer.MAX_VALUE, records::add);
        other.choices.forEach(0, Integer.MAX_VALUE, choices::add);
        other.pairs.forEach(0, Integer.MAX_VALUE, pairs::add);
    }

    /** Cells held in the three cubes. */
    public int cells() {
        return records.size() + choices.size() + pairs.size();
    }
}
