package uk.childvoice.anonymiser.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.SafeguardingAssessment;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.ScrubResult;

/**
 * Internal endpoint for ops and evaluation: scrubs one text with exactly the code the stream uses.
 * Not exposed outside the cluster; nothing about the text is logged.
 */
@Path("/api/v1/scrub")
public class ScrubResource {
    private final FreeTextScrubber scrubber;
    private final SafeguardingDetector safeguarding;

    public ScrubResource(FreeTextScrubber scrubber, SafeguardingDetector safeguarding) {
        this.scrubber = scrubber;
        this.safeguarding = safeguarding;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ScrubResponse scrub(@NotNull(message = "a JSON body with 'text' is required") @Valid ScrubRequest request) {
        SafeguardingAssessment assessment = safeguarding.assess(request.text());
        ScrubResult result = scrubber.scrub(request.text());
        List<ScrubResponse.Entity> entities = result.entities().stream()
                .map(e -> new ScrubResponse.Entity(e.start(), e.end(), e.type().name()))
                .toList();
        List<String> categories = assessment.categories().stream().map(Enum::name).sorted().toList();
        return new ScrubResponse(result.scrubbed(), entities, new ScrubResponse.Safeguarding(assessment.flag(), categories));
    }
}
