package uk.childvoice.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerServiceTest {

    @Test
    void sumsStageCountersOverLabelsAndSplitsDeadLettersByStage() {
        String metrics = """
                # HELP survey_responses_accepted_total Responses accepted
                # TYPE survey_responses_accepted_total counter
                survey_responses_accepted_total{questionnaire="13-17"} 12.0
                survey_responses_accepted_total{questionnaire="9-12"} 3.0
                survey_responses_dead_lettered_total{stage="geography-service"} 2.0
                survey_responses_located_total 14.0
                http_server_requests_seconds_count{uri="/x"} 99.0
                """;
        LedgerService.Scrape scrape = LedgerService.parse("survey-intake", metrics);
        assertThat(scrape.stages()).containsEntry("accepted", 15.0).containsEntry("located", 14.0).hasSize(2);
        assertThat(scrape.deadLettered()).containsEntry("geography-service", 2.0);
    }
}
