package uk.childvoice.intake.rest;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Response headers that keep answers out of caches and referrers; no cookie is ever set. */
public class PrivacyHeaders {

    @ServerResponseFilter
    public void apply(ContainerResponseContext response) {
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().remove("Set-Cookie");
    }
}
