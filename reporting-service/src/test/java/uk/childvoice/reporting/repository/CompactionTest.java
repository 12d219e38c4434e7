package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a fold compacts the append-only stored cubes. */
class CompactionTest {
    private final CubeRepository.Compaction compaction = CubeRepository.Compaction.DEFAULT;

    @Test
    void isDueOnceTheRowsAppendedOutnumberThoseTheLastCompactionLeftThreefold() {
        assertThat(compaction.due(3_000_000, 1_000_000)).isFalse();
        assertThat(compaction.due(3_000_001, 1_000_000)).isTrue();
    }

    @Test
    void isNotDueForSmallCubesWhateverTheRatio() {
        // a new database: nothing left by a compaction, so the minimum decides
        assertThat(compaction.due(1_500_000, 0)).isFalse();
        assertThat(compaction.due(1_500_001, 0)).isTrue();
        assertThat(compaction.due(1_000, 10)).isFalse();
    }
}
