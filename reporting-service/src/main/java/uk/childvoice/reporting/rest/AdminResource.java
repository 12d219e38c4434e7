package uk.childvoice.reporting.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import uk.childvoice.reporting.repository.AuditRepository;
import uk.childvoice.reporting.repository.RetentionRepository;
import uk.childvoice.reporting.service.ExportService;
import uk.childvoice.reporting.service.InvalidQueryException;
import uk.childvoice.reporting.service.LedgerService;
import uk.childvoice.reporting.service.RetentionService;

/** Operations for admins: reconciliation ledger, audit log, retention, microdata exports. */
@Path("/api/v1/admin")
@RolesAllowed("admin")
public class AdminResource {
    static final String PARQUET = "application/vnd.apache.parquet";
    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    private final LedgerService ledger;
    private final AuditRepository audit;
    private final RetentionService retention;
    private final RetentionRepository retentionRecords;
    private final ExportService exports;
    private final SecurityIdentity identity;

    public AdminResource(LedgerService ledger, AuditRepository audit, RetentionService retention,
            RetentionRepository retentionRecords, ExportService exports, SecurityIdentity identity) {
        this.ledger = ledger;
        this.audit = audit;
        this.retention = retention;
        this.retentionRecords = retentionRecords;
        this.exports = exports;
        this.identity = identity;
    }

    @GET
    @Path("/ledger")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Responses counted at each stage (accepted, located, de-identified, stored, dead-lettered)")
    public Uni<LedgerService.Ledger> ledger() {
        return ledger.ledger();
    }

    @GET
    @Path("/audit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The staff audit log, newest first; page with before=<id of the last entry seen>")
    public Uni<List<AuditRepository.AuditEntry>> audit(
            @Parameter(description = "Entries of the last this many days (1 to 3650)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "30"))
            @QueryParam("days") String rawDays,
            @Parameter(description = "Entries per page (1 to 1000)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100"))
            @QueryParam("limit") String rawLimit,
            @Parameter(description = "Only entries with a smaller id (the last id of the previous page)", schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            @QueryParam("before") String rawBefore) {
        List<InvalidQueryException.Violation> violations = new ArrayList<>();
        int days = (int) QueryParams.whole("days", rawDays, 30, 1, 3650, violations);
        int limit = (int) QueryParams.whole("limit", rawLimit, 100, 1, 1000, violations);
        long before = QueryParams.whole("before", rawBefore, Long.MAX_VALUE, 1, Long.MAX_VALUE, violations);
        QueryParams.check(violations);
        return audit.page(OffsetDateTime.now().minusDays(days), limit, before);
    }

    @GET
    @Path("/retention/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent retention runs and what they deleted, as counts")
    public Uni<List<RetentionRepository.Run>> runs() {
        return retentionRecords.runs(50);
    }

    @POST
    @Path("/retention/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run retention now")
    public Uni<RetentionRepository.Run> runNow() {
        return retention.run("admin:" + identity.getPrincipal().getName());
    }

    @GET
    @Path("/retention/extensions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recorded extensions of the retention period")
    public Uni<List<RetentionRepository.Extension>> extensions() {
        return retentionRecords.extensions();
    }

    @POST
    @Path("/retention/extensions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an extension (questionnaireId omitted = the whole collection)")
    public Uni<Response> extend(@Valid @NotNull ExtensionRequest request) {
        return retention.extend(request.questionnaireId(), request.extendedUntil(), request.reason(), identity.getPrincipal().getName())
                .replaceWith(Response.status(Response.Status.CREATED).build());
    }

    @GET
    @Path("/exports/records.csv")
    @Produces("text/csv")
    @Operation(summary = "De-identified microdata as CSV, streamed (columns in /exports/data-dictionary)")
    public Multi<String> exportCsv() {
        return exports.csv();
    }

    @GET
    @Path("/exports/records.parquet")
    @Produces(PARQUET)
    @Blocking
    @Operation(summary = "De-identified microdata as Parquet, streamed one row group at a time (same columns as the CSV, "
            + "types in /exports/data-dictionary)")
    public Response exportParquet() {
        // Streamed straight into the response (no temp file): the writer holds one row group (16 MiB)
        // and the cursor one fetch. A failure part-way leaves the file without its footer, so no
        // reader takes a truncated export for a whole one.
        StreamingOutput body = out -> {
            long rows = exports.parquet(out);
            LOG.infof("Parquet export of %d records streamed", rows);
        };
        return Response.ok(body, PARQUET).header("Content-Disposition", "attachment; filename=\"records.parquet\"").build();
    }

    @GET
    @Path("/exports/data-dictionary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The columns of the microdata export")
    public List<ExportService.Column> dictionary() {
        return ExportService.DICTIONARY;
    }

    /** A request to keep records past the retention period. */
    public record ExtensionRequest(@Size(max = 100) String questionnaireId, @NotNull @Future LocalDate extendedUntil,
            @NotBlank @Size(max = 500) String reason) {
    }
}
