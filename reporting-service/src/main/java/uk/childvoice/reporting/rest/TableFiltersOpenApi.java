package uk.childvoice.reporting.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import uk.childvoice.reporting.service.Dimension;

/**
 * Documents the table filters in /q/openapi. Why a filter rather than annotations: the resource reads
 * filters from the query string as a whole (any dimension, and any closed question as
 * {@code question.<id>}), so the parameters are generated here from {@link Dimension} and cannot
 * drift from what the service accepts. Registered with {@code mp.openapi.filter}.
 */
public class TableFiltersOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        PathItem tables = openAPI.getPaths().getPathItem("/api/v1/tables");
        if (tables == null || tables.getGET() == null) {
            return;
        }
        Operation get = tables.getGET();
        for (Dimension d : Dimension.values()) {
            get.addParameter(filter(d.apiName(), "Keep only these " + d.label().toLowerCase()
                    + " categories (comma-separated or repeated)" + (d.broad() ? "; may be combined with a closed question" : "")));
        }
        get.addParameter(filter("supportReceived", "Keep only children who chose these support options (shortcut for question.supportReceived)"));
        get.addParameter(OASFactory.createParameter()
                .name("question")
                .in(Parameter.In.QUERY)
                .style(Parameter.Style.FORM)
                .explode(true)
                .description("Closed-question filters, one query parameter per question: question.<questionId>=code1,code2 "
                        + "(e.g. question.feelingsFuture=not_sure). Options are answer codes; NOT_ANSWERED, PREFER_NOT_TO_SAY and "
                        + "NOT_ASKED are categories of their own.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .example(Map.of("question.feelingsFuture", "not_sure")));
    }

    private static Parameter filter(String name, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.QUERY)
                .description(description)
                .required(false)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
