package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a fold compacts the append-only stored cubes. */
class CompactionTest {
    private final CubeRepository.Compaction compaction = CubeRepository.Compaction.DEFAULT;
    private static final long QUIET = 2_999;
    private static final long BUSY = 3_000;

    @Test
    void isDueOnceTheRowsAppendedOutnumberThoseTheLastCompactionLeftThreefold() {
        assertThat(compaction.due(3_000_000, 1_000_000, QUIET)).isFalse();
        assertThat(compaction.due(3_000_001, 1_000_000, QUIET)).isTrue();
    }

    @Test
    void isNotDueForSmallCubesWhateverTheRatio() {
        // a new database: nothing left by a compaction, so the minimum decides
        assertThat(compaction.due(1_500_000, 0, QUIET)).isFalse();
        assertThat(compaction.due(1_500_001, 0, QUIET)).isTrue();
        assertThat(compaction.due(1_000, 10, QUIET)).isFalse();
    }

    @Test
    void waitsForTwelvefoldWhileAFoldHoldsManyRecords() {
        assertThat(compaction.due(3_000_001, 1_000_000, BUSY)).isFalse();
        assertThat(compaction.due(12_000_000, 1_000_000, BUSY)).isFalse();
        assertThat(compaction.due(12_000_001, 1_000_000, BUSY)).isTrue();
        // the first quiet fold after the peak compacts what waited
        assertThat(compaction.due(11_000_000, 1_000_000, QUIET)).isTrue();
    }

    @Test
    void alwaysIgnoresTheRateRecordsArriveAt() {
        CubeRepository.Compaction always = CubeRepository.Compaction.always(3, 500_000);
        assertThat(always.due(1_500_001, 0, Long.MAX_VALUE - 1)).isTrue();
        assertThat(always.due(1_500_000, 0, 0)).isFalse();
    }
}
