package uk.childvoice.reporting.rest;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;
import uk.childvoice.reporting.service.InvalidQueryException;
import uk.childvoice.reporting.service.TableRefusedException;

/** Maps refusals to RFC 9457 problem details: 400 naming each bad parameter, 422 for a disclosive table. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidQueryException e) {
        List<Problem.InvalidParam> params = e.violations().stream()
                .map(v -> new Problem.InvalidParam(v.field(), v.message())).toList();
        return problem(new Problem("https://childvoice.uk/problems/invalid-parameters", "Invalid request parameters", 400,
                params.size() + " parameter(s) are invalid", params));
    }

    @ServerExceptionMapper
    public Response refused(TableRefusedException e) {
        return problem(new Problem("https://childvoice.uk/problems/table-too-sparse", "Table refused", 422, e.getMessage(), null));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
