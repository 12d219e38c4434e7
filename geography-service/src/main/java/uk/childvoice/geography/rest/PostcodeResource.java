package uk.childvoice.geography.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.service.LookupResult;
import uk.childvoice.geography.service.PostcodeLookupService;

/**
 * Postcode lookups for ops and front ends. Every directory outcome is a 200 with its status; a value
 * that is not shaped like a postcode is a 400 problem (RFC 9457) naming the field. The postcode is in
 * the path, so it is never logged: access logs are off and metrics use the path template.
 */
@Path("/api/v1/postcodes")
public class PostcodeResource {
    private final PostcodeLookupService lookups;

    public PostcodeResource(PostcodeLookupService lookups) {
        this.lookups = lookups;
    }

    @GET
    @Path("/{postcode}")
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(summary = "Look a postcode up: LSOA, local authority, region, country, IMD decile, editions")
    public Response lookup(@PathParam("postcode") String postcode) {
        LookupResult result = lookups.lookup(postcode);
        if (result.status() == GeographyStatus.INVALID) {
            return Response.status(400).type("application/problem+json").entity(Map.of(
                    "type", "about:blank",
                    "title", "Invalid postcode",
                    "status", 400,
                    "detail", "The postcode does not have the shape of a UK postcode.",
                    "lookupStatus", GeographyStatus.INVALID.name(),
                    "errors", List.of(Map.of("field", "postcode", "message", "not a UK postcode")))).build();
        }
        return Response.ok(PostcodeLookupResponse.of(result), MediaType.APPLICATION_JSON).build();
    }
}
