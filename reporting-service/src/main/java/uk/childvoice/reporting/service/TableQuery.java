package uk.childvoice.reporting.service;

import java.util.List;
import java.util.Map;

/**
 * A request for a one- or two-way table.
 *
 * @param rows a dimension name or {@code question.<id>}
 * @param columns null for a one-way table
 * @param filters dimension name → allowed values
 * @param percentages none, row, column or total; null for the default (total one-way, row two-way)
 */
public record TableQuery(String rows, String columns, Map<String, List<String>> filters, String percentages) {
}
