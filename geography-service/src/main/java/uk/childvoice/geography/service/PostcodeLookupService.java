package uk.childvoice.geography.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.Area;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.PostcodeKey;

/**
 * Turns a postcode as typed into a status and an area. INVALID when it does not have the shape of a
 * UK postcode, NOT_FOUND when the directory does not list it, NO_GEOGRAPHY when the directory cannot
 * place it, NOT_ENGLAND outside England (the country always comes from the directory, never from the
 * postcode area), TERMINATED for an English postcode no longer in use (with its last geography), else
 * OK. Pure CPU; never logs the postcode.
 */
@ApplicationScoped
public class PostcodeLookupService {
    private final GeographyDirectory directory;
    private final Counter[] byStatus;

    public PostcodeLookupService(GeographyDirectory directory, MeterRegistry registry) {
        this.directory = directory;
        GeographyStatus[] statuses = GeographyStatus.values();
        this.byStatus = new Counter[statuses.length];
        for (GeographyStatus s : statuses) {
            byStatus[s.ordinal()] = Counter.builder("geography.lookups").tag("status", s.name())
                    .description("Postcode lookups by outcome").register(registry);
        }
    }

    public LookupResult lookup(String postcode) {
        LookupResult result = lookup(directory.index(), postcode);
        byStatus[result.status().ordinal()].increment();
        return result;
    }

    /** The lookup rules on a given index (for tests and the benchmark). */
    public static LookupResult lookup(PostcodeIndex index, String postcode) {
        String edition = index.metadata().directoryEdition();
        String compact = PostcodeKey.compact(postcode);
        if (!PostcodeKey.isWellFormed(compact)) {
            return new LookupResult(GeographyStatus.INVALID, Area.NO_GEOGRAPHY, edition);
        }
        int position = index.find(PostcodeKey.pack(compact));
        if (position < 0) {
            return new LookupResult(GeographyStatus.NOT_FOUND, Area.NO_GEOGRAPHY, edition);
        }
        Area area = index.areaAt(position);
        GeographyStatus status = switch (area.kind()) {
            case NO_GEOGRAPHY -> GeographyStatus.NO_GEOGRAPHY;
            case NOT_ENGLAND -> GeographyStatus.NOT_ENGLAND;
            case ENGLAND -> index.terminatedAt(position) ? GeographyStatus.TERMINATED : GeographyStatus.OK;
        };
        return new LookupResult(status, area, edition);
    }
}
