package uk.childvoice.intake.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.NonBlocking;
import uk.childvoice.intake.service.ProofOfWork;

/** Proof-of-work challenges for the cookie-free bot check. */
@Path("/api/v1/challenge")
public class ChallengeResource {
    private final ProofOfWork proofOfWork;

    public ChallengeResource(ProofOfWork proofOfWork) {
        this.proofOfWork = proofOfWork;
    }

    /** A fresh challenge (ALTCHA format); solve it and send the solution in {@code X-Proof-Of-Work}. */
    @GET
    // A few microseconds of hashing: on the event loop, no hop to a worker thread per challenge.
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public ProofOfWork.Challenge challenge() {
        return proofOfWork.challenge();
    }
}
