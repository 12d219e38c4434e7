package uk.childvoice.intake.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;
import uk.childvoice.intake.config.IntakeConfig;

/**
 * The benchmark's baseline: an endpoint on the same HTTP stack (Vert.x, Quarkus REST, the same filters
 * and body limit) that accepts a body and does nothing else. Off unless {@code intake.benchmark.noop-enabled}.
 */
@Path("/api/v1/benchmark/noop")
public class BenchmarkResource {
    private final boolean enabled;

    public BenchmarkResource(IntakeConfig config) {
        this.enabled = config.benchmark().noopEnabled();
    }

    /** 202 with no body when enabled; 404 otherwise. Runs on the event loop, as intake's own endpoint does. */
    @POST
    @NonBlocking
    public Response noop(String body) {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Response.accepted().build();
    }
}
