package uk.childvoice.anonymiser.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input becomes RFC 9457 problem details naming each bad field; never a stack trace or a 500. */
public class ProblemMappers {
    private static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String path = v.getPropertyPath().toString();
            String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
            if (field.startsWith("arg") || field.equals("request")) {
                field = "body";
            }
            errors.add(Map.of("field", field, "detail", v.getMessage()));
        }
        return problem(400, "Invalid request", "The request has invalid fields.", errors);
    }

    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 400) {
            // The parser's message could quote the body: do not echo it.
            return problem(400, "Malformed request", "The body must be JSON like {\"text\": \"...\"}.",
                    List.of(Map.of("field", "body", "detail", "not readable as JSON")));
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), null, List.of());
    }

    private static Response problem(int status, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("errors", errors);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
