package uk.childvoice.reporting.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.childvoice.reporting.service.PublishedTable;
import uk.childvoice.reporting.service.TableQuery;
import uk.childvoice.reporting.service.TableService;

/** Disclosure-controlled one- and two-way tables for analysts, as JSON or CSV. */
@Path("/api/v1/tables")
@RolesAllowed("analyst")
public class TableResource {
    static final String CSV = "text/csv";
    private static final Set<String> RESERVED = Set.of("rows", "columns", "percentages", "format");

    private final TableService tables;

    public TableResource(TableService tables) {
        this.tables = tables;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "A one- or two-way table of counts through the cell key method (threshold 10)",
            description = "Any other query parameter named after a dimension filters the table, e.g. gender=girl,boy.")
    public Response table(
            @Parameter(description = "Row dimension: questionnaire, age, ageBand, gender, ethnicity, ethnicityBroad, "
                    + "livingSituation, supportReceived, region, localAuthority, imdDecile or question.<questionId>")
            @QueryParam("rows") String rows,
            @Parameter(description = "Column dimension, for a two-way table") @QueryParam("columns") String columns,
            @Parameter(description = "none, row, column or total") @QueryParam("percentages") String percentages,
            @Parameter(description = "json (default) or csv; Accept: text/csv works too") @QueryParam("format") String format,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!RESERVED.contains(name)) {
                filters.put(name, new ArrayList<>(values));
            }
        });
        PublishedTable table = tables.table(new TableQuery(rows, columns, filters, percentages));
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType()));
        if (csv) {
            return Response.ok(TableCsv.write(table), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"table.csv\"").build();
        }
        return Response.ok(table, MediaType.APPLICATION_JSON).build();
    }
}
