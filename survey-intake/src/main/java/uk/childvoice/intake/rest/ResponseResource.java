package uk.childvoice.intake.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import uk.childvoice.intake.service.ProofOfWork;
import uk.childvoice.intake.service.RateLimiter;
import uk.childvoice.intake.service.Receipt;
import uk.childvoice.intake.service.ResponseValidator;
import uk.childvoice.intake.service.SubmissionService;

/** Whole responses: validated, published to the raw topic, and receipted after the broker's acknowledgement. */
@Path("/api/v1/questionnaires/{id}/responses")
public class ResponseResource {
    private final ResponseValidator validator;
    private final SubmissionService submissions;
    private final RateLimiter rateLimiter;
    private final ProofOfWork proofOfWork;

    public ResponseResource(ResponseValidator validator, SubmissionService submissions, RateLimiter rateLimiter,
            ProofOfWork proofOfWork) {
        this.validator = validator;
        this.submissions = submissions;
        this.rateLimiter = rateLimiter;
        this.proofOfWork = proofOfWork;
    }

    /**
     * 202 with the receipt once Kafka has the response; 400 problem+json listing every bad field;
     * 503 with {@code Retry-After} when the broker is unavailable. A repeated submission id gets the
     * same receipt and is not published again.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Receipt>> submit(@PathParam("id") String questionnaireId,
            @HeaderParam(ProofOfWork.HEADER) String proof, JsonNode body) {
        rateLimiter.checkQuestionnaire(questionnaireId);
        proofOfWork.verify(proof);
        return submissions.submit(validator.validate(questionnaireId, body))
                .map(receipt -> RestResponse.status(RestResponse.Status.ACCEPTED, receipt));
    }
}
