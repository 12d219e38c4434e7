package uk.childvoice.anonymiser.service;

import java.util.Set;

import uk.childvoice.contracts.v1.SafeguardingCategory;

/** Whether a raw text looks like a disclosure that the safeguarding team must see, and of what. */
public record SafeguardingAssessment(boolean flag, Set<SafeguardingCategory> categories) {
    public static final SafeguardingAssessment NONE = new SafeguardingAssessment(false, Set.of());
}
