package uk.childvoice.intake.service;

/** The request carries no valid, unused proof of work: 403 problem+json. */
public class ProofOfWorkException extends RuntimeException {
    public ProofOfWorkException(String reason) {
        super(reason, null, false, false);
    }
}
