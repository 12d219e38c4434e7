package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntakeStepsTest {
    private static String metrics(int n, double claimSeconds, double ackSeconds, int claimStatements) {
        return """
                intake_submission_step_seconds_count{step="claim"} %d.0
                intake_submission_step_seconds_sum{step="claim"} %s
                intake_submission_step_seconds_count{step="kafka-ack"} %d.0
                intake_submission_step_seconds_sum{step="kafka-ack"} %s
                intake_submission_store_statements_total{kind="claim"} %d.0
                intake_submission_store_items_total{kind="claim"} %d.0
                """.formatted(n, claimSeconds, n, ackSeconds, claimStatements, n);
    }

    @Test
    void aRunsMeanWaitPerStepAndBatchSizeComeFromTheDifferenceOfTwoReadings() {
        IntakeSteps before = IntakeSteps.of(PrometheusText.parse(metrics(1_000, 5.0, 9.0, 500)));
        IntakeSteps after = IntakeSteps.of(PrometheusText.parse(metrics(3_000, 9.0, 21.0, 700)));

        IntakeSteps run = after.minus(before);

        assertThat(run.meanMillis("claim")).isCloseTo(2.0, within(1e-9));
        assertThat(run.meanMillis("kafka-ack")).isCloseTo(6.0, within(1e-9));
        assertThat(run.meanMillis("accept")).isZero();
        assertThat(run.describe()).containsExactly(
                "intake's step timers, mean wait a response (queueing included): claim 2.00 ms, kafka-ack 6.00 ms, accept 0.00 ms",
                "intake's group-committed PostgreSQL statements: claim 200 for 2,000 ids (10.0 a statement)");
    }
}
