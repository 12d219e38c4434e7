package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP survey_responses_dead_lettered_total Responses sent to a dead-letter topic
            # TYPE survey_responses_dead_lettered_total counter
            survey_responses_dead_lettered_total{reason="undecodable",stage="geography"} 2.0
            survey_responses_dead_lettered_total{stage="geography",reason="invalid"} 3.0
            survey_responses_dead_lettered_total{stage="anonymiser"} 1.0
            # TYPE survey_responses_located_total counter
            survey_responses_located_total 557077.0
            survey_responses_located_total_created 1.7E9
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="202",uri="/x"} 12.0
            """;

    @Test
    void sumsACounterOverItsLabelSets() {
        PrometheusText p = PrometheusText.parse(TEXT);

        assertThat(p.sum("survey_responses_located_total")).isEqualTo(557_077);
        assertThat(p.sum("survey_responses_dead_lettered_total")).isEqualTo(6);
        assertThat(p.sum("survey_responses_accepted_total")).isZero();
    }

    @Test
    void readsOneLabelValueWhereverTheLabelStands() {
        PrometheusText p = PrometheusText.parse(TEXT);

        assertThat(p.sum("survey_responses_dead_lettered_total", "stage", "geography")).isEqualTo(5);
        assertThat(p.labelValues("survey_responses_dead_lettered_total", "stage")).containsExactly("anonymiser", "geography");
    }

    @Test
    void ledgerBalancesOnlyWhenEveryAcceptedResponseIsStoredOrDeadLettered() {
        StageCounts ok = new StageCounts(100, 99, 98, 97, Map.of("geography", 1L, "anonymiser", 1L, "reporting", 1L));
        StageCounts lost = new StageCounts(100, 100, 100, 99, Map.of());

        assertThat(ok.balanced()).isTrue();
        assertThat(lost.balanced()).isFalse();
        assertThat(lost.ledger()).contains("NO (difference 1)");
        assertThat(ok.minus(new StageCounts(10, 10, 10, 10, Map.of("geography", 1L))))
                .isEqualTo(new StageCounts(90, 89, 88, 87, Map.of("geography", 0L, "anonymiser", 1L, "reporting", 1L)));
        assertThat(ok.lag(Map.of("geography-service", 1L))).contains("geography 0", "anonymiser 1", "reporting 1");
    }

    @Test
    void readsResidentMemoryFromProcStatus() {
        ProcessMemory m = ProcessMemory.parse(1, "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
        ProcessMemory self = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(m.peakRssMb()).isEqualTo(200.0);
        assertThat(m.rssMb()).isEqualTo(100.0);
        assertThat(self.rssKb()).isPositive().isLessThanOrEqualTo(self.peakRssKb());
    }
}
