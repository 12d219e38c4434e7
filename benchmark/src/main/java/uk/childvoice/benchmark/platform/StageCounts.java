package uk.childvoice.benchmark.platform;

import java.util.Map;

/**
 * The reconciliation ledger's counters at one moment, from each service's own metrics.
 *
 * @param deadLettered dead-lettered responses by the stage label (summed over services)
 */
public record StageCounts(long accepted, long located, long deidentified, long stored, Map<String, Long> deadLettered) {
    public static final String ACCEPTED = "survey_responses_accepted_total";
    public static final String LOCATED = "survey_responses_located_total";
    public static final String DEIDENTIFIED = "survey_responses_deidentified_total";
    public static final String STORED = "survey_responses_stored_total";
    public static final String DEAD_LETTERED = "survey_responses_dead_lettered_total";

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Responses that left the pipeline one way or the other (stored or dead-lettered at any stage). */
    public long settled() {
        return stored + deadLetteredTotal();
    }

    /** The difference {@code this - before}, for one phase of a run. */
    public StageCounts minus(StageCounts before) {
        Map<String, Long> dl = new java.util.TreeMap<>(deadLettered);
        before.deadLettered.forEach((k, v) -> dl.merge(k, -v, Long::sum));
        return new StageCounts(accepted - before.accepted, located - before.located, deidentified - before.deidentified,
                stored - before.stored, Map.copyOf(dl));
    }

    /**
     * True when every accepted response is accounted for: {@code accepted = stored + dead-lettered} and
     * the stages in between agree ({@code accepted ≥ located ≥ de-identified ≥ stored}).
     */
    public boolean balanced() {
        return accepted == settled() && accepted >= located && located >= deidentified && deidentified >= stored;
    }

    /** Responses waiting in front of each stage (accepted but not yet located, and so on). */
    public String lag(Map<String, Long> deadLetteredByService) {
        long geo = accepted - located - deadLetteredByService.getOrDefault("geography-service", 0L);
        long anon = located - deidentified - deadLetteredByService.getOrDefault("anonymiser", 0L);
        long rep = deidentified - stored - deadLetteredByService.getOrDefault("reporting-service", 0L);
        return String.format("lag: geography %,d  anonymiser %,d  reporting %,d", geo, anon, rep);
    }

    /** The ledger as a few aligned lines. */
    public String ledger() {
        return String.format("  accepted (survey-intake)        %,12d%n"
                + "  located (geography-service)     %,12d%n"
                + "  de-identified (anonymiser)      %,12d%n"
                + "  stored (reporting-service)      %,12d%n"
                + "  dead-lettered                   %,12d  %s%n"
                + "  accepted = stored + dead-lettered: %s",
                accepted, located, deidentified, stored, deadLetteredTotal(), deadLettered,
                accepted == settled() ? "yes" : "NO (difference " + (accepted - settled()) + ")");
    }
}
