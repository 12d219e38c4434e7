package uk.childvoice.reporting.service;

import java.util.List;
import java.util.Map;

/**
 * A disclosure-controlled table as published: perturbed counts (null when suppressed) and percentages
 * computed from them. Holds no internal value (no unperturbed count, cell key or perturbation).
 */
public record PublishedTable(
        Axis rows,
        Axis columns,
        Map<String, List<String>> filters,
        String percentages,
        List<Cell> cells,
        List<Cell> rowTotals,
        List<Cell> columnTotals,
        Cell total,
        Disclosure disclosure) {

    /** A table axis: the dimension and its categories in display order. */
    public record Axis(String dimension, String label, List<String> categories) {
    }

    /** One published figure; {@code count} and {@code percent} are null when suppressed. */
    public record Cell(String row, String column, Long count, Double percent, boolean suppressed) {
    }

    /** How the figures were protected, for the reader. */
    public record Disclosure(String method, int threshold, String notice) {
    }
}
