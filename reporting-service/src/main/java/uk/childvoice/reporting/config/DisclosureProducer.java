package uk.childvoice.reporting.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import uk.childvoice.reporting.service.CellKeyPerturbation;
import uk.childvoice.reporting.service.PerturbationLookup;

/** Builds the cell key method from the configured perturbation table, key space and threshold. */
@ApplicationScoped
public class DisclosureProducer {

    @Produces
    @ApplicationScoped
    CellKeyPerturbation cellKeyPerturbation(ReportingConfig config) {
        ReportingConfig.Disclosure disclosure = config.disclosure();
        return new CellKeyPerturbation(PerturbationLookup.fromResource(disclosure.ptable()), disclosure.keySpace(),
                disclosure.threshold());
    }
}
