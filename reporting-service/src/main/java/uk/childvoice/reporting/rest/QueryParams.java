package uk.childvoice.reporting.rest;

import java.util.List;

import uk.childvoice.reporting.service.InvalidQueryException;

/**
 * Parses numeric query parameters ourselves. Why: JAX-RS answers a parameter it cannot convert to
 * {@code int} with 404, and the house rule is a 400 problem naming each bad parameter; so numeric
 * parameters are declared as strings and parsed here, collecting every violation.
 */
final class QueryParams {
    private QueryParams() {
    }

    /** The whole number in {@code raw}, {@code fallback} when absent; records a violation naming the parameter otherwise. */
    static long whole(String name, String raw, long fallback, long min, long max, List<InvalidQueryException.Violation> violations) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                violations.add(new InvalidQueryException.Violation(name, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(new InvalidQueryException.Violation(name, "must be a whole number"));
            return fallback;
        }
    }

    /** Throws the collected violations, if any, as one 400 problem. */
    static void check(List<InvalidQueryException.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }
    }
}
