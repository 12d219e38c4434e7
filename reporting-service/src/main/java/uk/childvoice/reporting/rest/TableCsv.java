package uk.childvoice.reporting.rest;

import uk.childvoice.reporting.service.PublishedTable;

/** Writes a published table as long-format CSV: one line per cell and per total; "[c]" marks a suppressed figure. */
final class TableCsv {
    static final String SUPPRESSED = "[c]";

    private TableCsv() {
    }

    static String write(PublishedTable table) {
        StringBuilder csv = new StringBuilder();
        csv.append(quote(table.disclosure().notice())).append('\n');
        boolean twoWay = table.columns() != null;
        csv.append(quote(table.rows().dimension()));
        if (twoWay) {
            csv.append(',').append(quote(table.columns().dimension()));
        }
        csv.append(",count,percent\n");
        for (PublishedTable.Cell cell : table.cells()) {
            line(csv, cell, twoWay);
        }
        for (PublishedTable.Cell cell : table.rowTotals()) {
            line(csv, cell, twoWay);
        }
        for (PublishedTable.Cell cell : table.columnTotals()) {
            line(csv, cell, twoWay);
        }
        line(csv, table.total(), twoWay);
        return csv.toString();
    }

    private static void line(StringBuilder csv, PublishedTable.Cell cell, boolean twoWay) {
        csv.append(quote(cell.row() == null ? "Total" : cell.row()));
        if (twoWay) {
            csv.append(',').append(quote(cell.column() == null ? "Total" : cell.column()));
        }
        csv.append(',').append(cell.count() == null ? SUPPRESSED : cell.count().toString());
        csv.append(',').append(cell.percent() == null ? (cell.suppressed() ? SUPPRESSED : "") : cell.percent().toString());
        csv.append('\n');
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not execute it. */
    static String quote(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
