package uk.childvoice.reporting.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.repository.RecordRepository;
import uk.childvoice.reporting.repository.RetentionRepository;

/**
 * The reconciliation ledger: how many responses each stage has counted (accepted, located,
 * de-identified, stored, dead-lettered), from the stage counters scraped from each upstream service's
 * Prometheus endpoint plus this service's own counters and store.
 */
@ApplicationScoped
public class LedgerService {
    /** Prometheus counter → ledger stage. */
    static final Map<String, String> STAGES = Map.of(
            "survey_responses_accepted_total", "accepted",
            "survey_responses_located_total", "located",
            "survey_responses_deidentified_total", "deidentified",
            "survey_safeguarding_flags_total", "safeguardingFlags",
            "survey_responses_stored_total", "stored");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+([-+0-9.eE]+|NaN)(\\s+\\d+)?$");
    private static final Pattern STAGE_LABEL = Pattern.compile("stage=\"([^\"]*)\"");

    private final ReportingConfig.Ledger config;
    private final RecordRepository records;
    private final RetentionRepository retention;
    private final MeterRegistry registry;
    private final HttpClient http;

    public LedgerService(ReportingConfig config, RecordRepository records, RetentionRepository retention, MeterRegistry registry) {
        this.config = config.ledger();
        this.records = records;
        this.retention = retention;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    public Uni<Ledger> ledger() {
        List<Uni<Scrape>> scrapes = new ArrayList<>();
        new TreeMap<>(config.sources()).forEach((source, url) -> scrapes.add(scrape(source, url)));
        Uni<List<Scrape>> all = scrapes.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(scrapes).andCollectFailures();
        return Uni.combine().all().unis(all, records.count(), retention.totalDeleted()).asTuple().map(t -> {
            Map<String, Double> stages = new TreeMap<>();
            Map<String, Double> deadLettered = new TreeMap<>();
            List<String> unreachable = new ArrayList<>();
            for (Scrape s : t.getItem1()) {
                if (s.error() != null) {
                    unreachable.add(s.source() + ": " + s.error());
                    continue;
                }
                s.stages().forEach((stage, v) -> stages.merge(stage, v, Double::sum));
                s.deadLettered().forEach((stage, v) -> deadLettered.merge(stage, v, Double::sum));
            }
            Counter stored = registry.find("survey.responses.stored").counter();
            stages.put("stored", stored == null ? 0 : stored.count());
            registry.find("survey.responses.dead.lettered").counters()
                    .forEach(c -> deadLettered.merge(c.getId().getTag("stage"), c.count(), Double::sum));
            return new Ledger(OffsetDateTime.now(), stages, deadLettered, t.getItem2(), t.getItem3(), unreachable,
                    "Counters restart from zero when a service restarts; recordsInStore and deletedByRetention are durable.");
        });
    }

    private Uni<Scrape> scrape(String source, String url) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout()).GET().build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Scrape(source, Map.of(), Map.of(), "invalid URL"));
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> response.statusCode() == 200 ? parse(source, response.body())
                        : new Scrape(source, Map.of(), Map.of(), "HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(e -> new Scrape(source, Map.of(), Map.of(), e.getClass().getSimpleName()));
    }

    /** Sums each stage counter over its label sets; dead-lettered counts by their stage label. */
    static Scrape parse(String source, String prometheusText) {
        Map<String, Double> stages = new TreeMap<>();
        Map<String, Double> deadLettered = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            double value = Double.parseDouble(m.group(3));
            String stage = STAGES.get(m.group(1));
            if (stage != null) {
                stages.merge(stage, value, Double::sum);
            } else if (m.group(1).equals("survey_responses_dead_lettered_total")) {
                Matcher label = STAGE_LABEL.matcher(m.group(2) == null ? "" : m.group(2));
                deadLettered.merge(label.find() ? label.group(1) : source, value, Double::sum);
            }
        }
        return new Scrape(source, stages, deadLettered, null);
    }

    record Scrape(String source, Map<String, Double> stages, Map<String, Double> deadLettered, String error) {
    }

    /** The ledger as shown to admins. */
    public record Ledger(OffsetDateTime asOf, Map<String, Double> stages, Map<String, Double> deadLettered,
            long recordsInStore, long deletedByRetention, List<String> unreachableSources, String note) {
    }
}
