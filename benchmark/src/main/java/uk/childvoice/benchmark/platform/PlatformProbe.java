package uk.childvoice.benchmark.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the ledger counters from the four services' {@code /q/metrics} endpoints. Dead letters are
 * read per service (for the lag per stage) and per {@code stage} label (for the ledger).
 */
public final class PlatformProbe {
    /** Records a reporting instance folded into the stored cubes (its {@code CubeFolder}). */
    public static final String FOLDED = "reporting_cube_records_folded_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> metricsUrls;
    private final String intake;
    private final String geography;
    private final String anonymiser;
    private final String reporting;
    private volatile Map<String, Long> lastDeadLetteredByService = Map.of();
    private volatile UnfoldedRecords.Counters lastReporting = new UnfoldedRecords.Counters(0, 0);

    /**
     * @param baseUrls base URL by service module name (survey-intake, geography-service, anonymiser, reporting-service)
     */
    public PlatformProbe(Map<String, String> baseUrls, String intake, String geography, String anonymiser, String reporting) {
        this.metricsUrls = new LinkedHashMap<>();
        baseUrls.forEach((k, v) -> metricsUrls.put(k, v + "/q/metrics"));
        this.intake = intake;
        this.geography = geography;
        this.anonymiser = anonymiser;
        this.reporting = reporting;
    }

    /** Scrapes every service once. */
    public StageCounts counts() {
        // Downstream first: a response counted upstream after its downstream stage was read would show
        // as negative lag; read this way round, lag can only be overstated by what moved meanwhile.
        Map<String, PrometheusText> texts = new LinkedHashMap<>();
        for (String service : List.of(reporting, anonymiser, geography, intake)) {
            texts.put(service, scrape(metricsUrls.get(service)));
        }
        metricsUrls.forEach((service, url) -> texts.computeIfAbsent(service, s -> scrape(url)));
        Map<String, Long> byStage = new TreeMap<>();
        Map<String, Long> byService = new TreeMap<>();
        texts.forEach((service, text) -> {
            for (String stage : text.labelValues(StageCounts.DEAD_LETTERED, "stage")) {
                byStage.merge(stage, text.sum(StageCounts.DEAD_LETTERED, "stage", stage), Long::sum);
            }
            long all = text.sum(StageCounts.DEAD_LETTERED);
            if (all > 0) {
                byService.put(service, all);
                if (text.labelValues(StageCounts.DEAD_LETTERED, "stage").isEmpty()) {
                    byStage.merge(service, all, Long::sum);
                }
            }
        });
        lastDeadLetteredByService = Map.copyOf(byService);
        lastReporting = reportingCounters(texts.get(reporting));
        return new StageCounts(texts.get(intake).sum(StageCounts.ACCEPTED), texts.get(geography).sum(StageCounts.LOCATED),
                texts.get(anonymiser).sum(StageCounts.DEIDENTIFIED), texts.get(reporting).sum(StageCounts.STORED), Map.copyOf(byStage));
    }

    /** Repeated submission ids intake answered from its receipt without publishing again ({@code survey_responses_duplicate_total}). */
    public long intakeDuplicates() {
        return scrape(metricsUrls.get(intake)).sum("survey_responses_duplicate_total");
    }

    /** Intake's step timers and group-commit counters as they stand now. */
    public IntakeSteps intakeSteps() {
        return IntakeSteps.of(scrape(metricsUrls.get(intake)));
    }

    /**
     * The reporting service's records stored and records folded into the stored cubes, from one scrape of its
     * metrics ({@code survey_responses_stored_total}, {@code reporting_cube_records_folded_total}).
     */
    public UnfoldedRecords.Counters reportingStoredAndFolded() {
        return reportingCounters(scrape(metricsUrls.get(reporting)));
    }

    /**
     * The reporting service's compactions of the stored cubes so far ({@code reporting_cube_compactions_total}) and
     * the rows appended to them since the last one, as its last fold left them ({@code reporting_cube_rows_uncompacted}).
     */
    public Compactions reportingCompactions() {
        PrometheusText text = scrape(metricsUrls.get(reporting));
        return new Compactions(text.sum("reporting_cube_compactions_total"), text.sum("reporting_cube_rows_uncompacted"));
    }

    /** Compactions of the stored cubes so far, and the rows appended since the last. */
    public record Compactions(long count, long rowsUncompacted) {
    }

    /** The reporting service's stored and folded records at the last {@link #counts()} (the scrape that gave its stored count). */
    public UnfoldedRecords.Counters reportingAtLastCount() {
        return lastReporting;
    }

    private static UnfoldedRecords.Counters reportingCounters(PrometheusText text) {
        return new UnfoldedRecords.Counters(text.sum(StageCounts.STORED), text.sum(FOLDED));
    }

    /** Dead letters per service at the last {@link #counts()}. */
    public Map<String, Long> deadLetteredByService() {
        return lastDeadLetteredByService;
    }

    private static PrometheusText scrape(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered HTTP " + r.statusCode());
            }
            return PrometheusText.parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
