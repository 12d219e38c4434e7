package uk.childvoice.reporting.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;

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
    public Uni<FreeTextService.FreeTextPage> answers(@QueryParam("question") String question,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset, @Context UriInfo uri) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!RESERVED.contains(name)) {
                filters.put(name, new ArrayList<>(values));
            }
        });
        return freeText.answers(question, filters, limit, offset);
    }
}
