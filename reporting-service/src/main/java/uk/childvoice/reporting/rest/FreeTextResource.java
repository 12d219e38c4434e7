package uk.childvoice.reporting.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import uk.childvoice.reporting.service.FreeTextService;
import uk.childvoice.reporting.service.InvalidQueryException;

/** Scrubbed free-text answers for analysts, by question and broad dimensions. */
@Path("/api/v1/free-text")
@RolesAllowed("analyst")
public class FreeTextResource {
    private static final Set<String> RESERVED = Set.of("question", "limit", "offset");

    private final FreeTextService freeText;

    public FreeTextResource(FreeTextService freeText) {
        this.freeText = freeText;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scrubbed answers to one free-text question; other parameters filter by broad dimensions")
    public Uni<FreeTextService.FreeTextPage> answers(
            @Parameter(description = "Free-text question id, e.g. futureJob") @QueryParam("question") String question,
            @Parameter(description = "Answers per page", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
            @QueryParam("limit") String rawLimit,
            @Parameter(description = "Answers to skip", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("offset") String rawOffset, @Context UriInfo uri) {
        // Range rules (page size, non-negative offset) stay in FreeTextService; here only "is it a number".
        List<InvalidQueryException.Violation> violations = new ArrayList<>();
        Integer limit = rawLimit == null ? null : (int) QueryParams.whole("limit", rawLimit, 50, Integer.MIN_VALUE, Integer.MAX_VALUE, violations);
        Integer offset = rawOffset == null ? null : (int) QueryParams.whole("offset", rawOffset, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, violations);
        QueryParams.check(violations);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!RESERVED.contains(name)) {
                filters.put(name, new ArrayList<>(values));
            }
        });
        return freeText.answers(question, filters, limit, offset);
    }
}
