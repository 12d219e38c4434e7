package uk.childvoice.reporting.rest;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import uk.childvoice.reporting.repository.AuditRepository;

/**
 * Writes one audit entry for every staff request to /api/v1: subject, time, endpoint, query parameters
 * and outcome (HTTP status), never the body of the answer. The response waits for the entry, so a
 * request that cannot be audited is not answered.
 */
public class AuditFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditRepository audit;
    private final SecurityIdentity identity;

    public AuditFilter(AuditRepository audit, SecurityIdentity identity) {
        this.audit = audit;
        this.identity = identity;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/v1/")) {
            return Uni.createFrom().voidItem();
        }
        String subject = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Map<String, Object> parameters = new TreeMap<>(request.getUriInfo().getQueryParameters());
        String json;
        try {
            json = JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            json = "{}";
        }
        return audit.append(subject, request.getMethod(), path, json, response.getStatus())
                .onFailure().invoke(e -> LOG.errorf("audit entry could not be written: %s", e.getClass().getSimpleName()));
    }
}
