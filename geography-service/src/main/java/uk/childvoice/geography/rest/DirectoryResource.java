package uk.childvoice.geography.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import uk.childvoice.geography.service.GeographyDirectory;
import uk.childvoice.geography.service.ValidationReport;

/** Which directory edition the service answers from, and its validation report (counts and codes only). */
@Path("/api/v1/directory")
public class DirectoryResource {
    private final GeographyDirectory directory;

    public DirectoryResource(GeographyDirectory directory) {
        this.directory = directory;
    }

    /** API model of the loaded directory. */
    public record DirectoryInfo(String source, String builtAt, ValidationReport report) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The loaded postcode directory: editions, source and validation report")
    public DirectoryInfo info() {
        GeographyDirectory.Loaded loaded = directory.loaded();
        return new DirectoryInfo(loaded.source(), loaded.index().metadata().builtAt().toString(), loaded.report());
    }
}
