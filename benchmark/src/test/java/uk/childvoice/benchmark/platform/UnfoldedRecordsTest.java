package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class UnfoldedRecordsTest {
    @Test
    void followsTheExactCountAtTheStartWithRecordsStoredSinceLessRecordsFoldedSince() {
        // given 1,200 unfolded at the start, with the counters at 50,000 stored and 48,800 folded
        UnfoldedRecords unfolded = UnfoldedRecords.start(() -> new UnfoldedRecords.Counters(50_000, 48_800), () -> 1_200);

        // when 3,000 more are stored and a fold takes 2,500
        assertThat(unfolded.now(new UnfoldedRecords.Counters(53_000, 48_800))).isEqualTo(4_200);
        assertThat(unfolded.now(new UnfoldedRecords.Counters(53_000, 51_300))).isEqualTo(1_700);
        // and a last fold takes the rest
        assertThat(unfolded.now(new UnfoldedRecords.Counters(53_000, 53_000))).isZero();
    }

    @Test
    void countsAgainWhenAFoldEndedBetweenTheCountersAndTheExactCount() {
        // given a fold of 1,000 records that ends after the first reading of the counters, before the exact count
        ArrayDeque<UnfoldedRecords.Counters> readings = new ArrayDeque<>(List.of(new UnfoldedRecords.Counters(10_000, 8_000), new UnfoldedRecords.Counters(10_000, 9_000), new UnfoldedRecords.Counters(10_000, 9_000)));
        AtomicInteger exactCounts = new AtomicInteger();
        long[] exact = {1_000, 1_000};

        UnfoldedRecords unfolded = UnfoldedRecords.start(readings::poll, () -> exact[exactCounts.getAndIncrement()]);

        // then it counted again and pairs that count with the later reading: nothing is unfolded twice over
        assertThat(exactCounts).hasValue(2);
        assertThat(unfolded.now(new UnfoldedRecords.Counters(10_000, 9_000))).isEqualTo(1_000);
        assertThat(unfolded.now(new UnfoldedRecords.Counters(10_000, 10_000))).isZero();
    }
}
