package uk.childvoice.intake.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import uk.childvoice.intake.config.IntakeConfig;
import uk.childvoice.intake.messaging.BrokerUnavailableException;
import uk.childvoice.intake.service.InvalidResponseException;
import uk.childvoice.intake.service.ProofOfWorkException;
import uk.childvoice.intake.service.RateLimitedException;
import uk.childvoice.intake.service.SessionConflictException;
import uk.childvoice.intake.service.SessionNotFoundException;
import uk.childvoice.intake.service.StoreUnavailableException;
import uk.childvoice.intake.service.SubmissionInProgressException;
import uk.childvoice.intake.service.UnknownQuestionnaireException;

/**
 * Every error as RFC 9457 {@code application/problem+json}. Details name fields and rules, never a
 * submitted value; logs get the exception class only.
 */
public class ProblemMappers {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPE_BASE = "https://childvoice.uk/problems/";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final int retryAfterSeconds;

    public ProblemMappers(IntakeConfig config) {
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** RFC 9457 problem details; {@code errors} is the extension member listing bad fields. */
    public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    }

    /** One bad field: a JSON pointer into the request body and what is wrong with it. */
    public record FieldError(String pointer, String detail) {
    }

    @ServerExceptionMapper
    public Response invalid(InvalidResponseException e, UriInfo uri) {
        List<FieldError> errors = e.violations().stream().map(v -> new FieldError(v.pointer(), v.detail())).toList();
        return problem(400, "invalid-response", "The response is not valid",
                errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid", uri, errors, Map.of());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return problem(400, "malformed-json", "The body is not valid JSON", "the request body could not be parsed as JSON",
                uri, List.of(new FieldError("", "not valid JSON")), Map.of());
    }

    @ServerExceptionMapper
    public Response unknownQuestionnaire(UnknownQuestionnaireException e, UriInfo uri) {
        return problem(404, "unknown-questionnaire", "No such questionnaire", "see GET /api/v1/questionnaires", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response sessionNotFound(SessionNotFoundException e, UriInfo uri) {
        return problem(404, "unknown-session", "No such session",
                "the access code is wrong, or the session has expired or was submitted", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response sessionConflict(SessionConflictException e, UriInfo uri) {
        return problem(409, "session-conflict", "The session changed meanwhile", "save the page again", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response brokerDown(BrokerUnavailableException e, UriInfo uri) {
        return problem(503, "temporarily-unavailable", "Your answers could not be saved just now",
                "nothing was recorded; please send the same response again shortly", uri, List.of(),
                Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds)));
    }

    @ServerExceptionMapper
    public Response storeDown(StoreUnavailableException e, UriInfo uri) {
        LOG.warnf("Store unavailable: %s", e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName());
        return problem(503, "temporarily-unavailable", "Your answers could not be saved just now",
                "nothing was recorded; please send the same response again shortly", uri, List.of(),
                Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds)));
    }

    @ServerExceptionMapper
    public Response inProgress(SubmissionInProgressException e, UriInfo uri) {
        return problem(503, "submission-in-progress", "This response is being saved right now",
                "send it again in a moment to get its receipt", uri, List.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return problem(429, "rate-limited", "Too many requests", "please wait and try again", uri, List.of(),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())));
    }

    @ServerExceptionMapper
    public Response proofOfWork(ProofOfWorkException e, UriInfo uri) {
        return problem(403, "proof-of-work", "The bot check did not pass", e.getMessage(), uri,
                List.of(new FieldError("header:X-Proof-Of-Work", e.getMessage())), Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, "http-" + status, reason, reason, uri, List.of(), Map.of());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // Class name only: an exception message can carry input.
        LOG.errorf("Unexpected %s on %s", e.getClass().getName(), uri.getPath());
        return problem(500, "internal-error", "Something went wrong", "nothing was recorded", uri, List.of(), Map.of());
    }

    private static Response problem(int status, String type, String title, String detail, UriInfo uri, List<FieldError> errors,
            Map<String, String> headers) {
        Response.ResponseBuilder b = Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, uri.getPath(), errors));
        headers.forEach(b::header);
        return b.build();
    }
}
