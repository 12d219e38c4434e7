package uk.childvoice.anonymiser.service;

import java.util.List;

import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/** What one located response becomes: the de-identified record and, unlinked to it, any safeguarding flags. */
public record Deidentification(DeidentifiedResponseEvent response, List<SafeguardingFlagEvent> flags) {
}
