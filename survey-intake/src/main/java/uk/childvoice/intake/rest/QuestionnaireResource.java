package uk.childvoice.intake.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import uk.childvoice.intake.service.QuestionnaireCatalog;
import uk.childvoice.intake.service.UnknownQuestionnaireException;

/** The questionnaire definitions, rendered once at start and served as bytes. */
@Path("/api/v1/questionnaires")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionnaireResource {
    private final QuestionnaireCatalog catalog;

    public QuestionnaireResource(QuestionnaireCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every questionnaire (newest versions): id, version, title, easy read or not, age band. */
    @GET
    public byte[] list() {
        return catalog.summariesJson();
    }

    /** One questionnaire with its pages, questions, options (easy-read wording in easy-read variants) and rules. */
    @GET
    @Path("{id}")
    public byte[] get(@PathParam("id") String id) {
        return catalog.latest(id).orElseThrow(() -> new UnknownQuestionnaireException(id)).definition();
    }
}
