package uk.childvoice.intake.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import uk.childvoice.intake.service.InvalidResponseException;
import uk.childvoice.intake.service.ProofOfWork;
import uk.childvoice.intake.service.RateLimiter;
import uk.childvoice.intake.service.Receipt;
import uk.childvoice.intake.service.SessionService;
import uk.childvoice.intake.service.Violation;

/** Save and resume with an access code; progress is readable, answers never are. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final SessionService sessions;
    private final RateLimiter rateLimiter;
    private final ProofOfWork proofOfWork;

    public SessionResource(SessionService sessions, RateLimiter rateLimiter, ProofOfWork proofOfWork) {
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.proofOfWork = proofOfWork;
    }

    /** Starts a session for {@code {"questionnaireId": "13-17"}}: 201 {@code {accessCode, nextPage, ...}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SessionService.Created>> create(@HeaderParam(ProofOfWork.HEADER) String proof, JsonNode body) {
        JsonNode id = body == null ? null : body.get("questionnaireId");
        if (id == null || !id.isTextual()) {
            throw new InvalidResponseException(java.util.List.of(new Violation("/questionnaireId", "is required")));
        }
        rateLimiter.checkQuestionnaire(id.asText());
        proofOfWork.verify(proof);
        return sessions.create(id.asText()).map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    /** Progress only: questionnaire, saved pages, next page, expiry. Never answers. */
    @GET
    @Path("{accessCode}")
    public Uni<SessionService.Progress> progress(@PathParam("accessCode") String accessCode) {
        return sessions.progress(accessCode);
    }

    /** Saves one page, body {@code {"answers": {...}}} validated like a response; returns progress. */
    @PUT
    @Path("{accessCode}/pages/{pageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SessionService.Progress> savePage(@PathParam("accessCode") String accessCode, @PathParam("pageId") String pageId,
            JsonNode body) {
        return sessions.savePage(accessCode, pageId, body);
    }

    /** Publishes the saved answers: 202 with the receipt, the same receipt on a repeat. */
    @POST
    @Path("{accessCode}/submit")
    public Uni<RestResponse<Receipt>> submit(@PathParam("accessCode") String accessCode) {
        return sessions.submit(accessCode).map(r -> RestResponse.status(RestResponse.Status.ACCEPTED, r));
    }
}
