package uk.childvoice.reporting.service;

import uk.childvoice.reporting.cube.Cube;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.mapping.RecordMapper;

/**
 * Answers one- and two-way tables from the in-memory cubes. Every cell, margin and total is its own
 * cell-key-method cell (count and key sum rolled up from the cube, exactly as the records would give),
 * perturbed and thresholded; percentages come from published figures only.
 */
@ApplicationScoped
public class TableService {
    public static final String NOTICE = "Figures are perturbed by the cell key method to protect the children who "
            + "answered, so they may not add up to the totals shown. Counts below %d are suppressed (null); a "
            + "percentage is suppressed with its count or its denominator.";
    private static final Set<String> PERCENTAGES = Set.of("none", "row", "column", "total");

    private final CubeIndex cubes;
    private final CellKeyPerturbation ckm;
    private final double minimumMeanCellSize;
    private final double maximumSuppressedShare;

    @Inject
    public TableService(CubeIndex cubes, CellKeyPerturbation ckm, ReportingConfig config) {
        this(cubes, ckm, config.disclosure().minimumMeanCellSize(), config.disclosure().maximumSuppressedShare());
    }

    /** For tests and the benchmark: the sparse-table rule given directly. */
    public TableService(CubeIndex cubes, CellKeyPerturbation ckm, double minimumMeanCellSize, double maximumSuppressedShare) {
        this.cubes = cubes;
        this.ckm = ckm;
        this.minimumMeanCellSize = minimumMeanCellSize;
        this.maximumSuppressedShare = maximumSuppressedShare;
    }

    /** Every dimension name a table may use, closed questions seen so far included. */
    public List<String> dimensionNames() {
        List<String> names = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            names.add(d.apiName());
        }
        for (String question : sorted(cubes.choices().values(0))) {
            names.add(Dimension.QUESTION_PREFIX + question);
        }
        return names;
    }

    public PublishedTable table(TableQuery query) {
        List<InvalidQueryException.Violation> violations = new ArrayList<>();
        Axis rows = resolve("rows", query.rows(), violations, true);
        Axis columns = query.columns() == null || query.columns().isBlank() ? null
                : resolve("columns", query.columns(), violations, false);
        String percentages = query.percentages() == null || query.percentages().isBlank()
                ? (columns == null ? "total" : "row") : query.percentages();
        if (!PERCENTAGES.contains(percentages)) {
            violations.add(new InvalidQueryException.Violation("percentages", "must be one of none, row, column, total"));
        } else if (columns == null && (percentages.equals("row") || percentages.equals("column"))) {
            violations.add(new InvalidQueryException.Violation("percentages", "row and column percentages need a two-way table"));
        }
        if (rows != null && columns != null && rows.name().equals(columns.name())) {
            violations.add(new InvalidQueryException.Violation("columns", "must differ from rows"));
        }
        Map<Dimension, Set<String>> filters = new LinkedHashMap<>();
        Map<String, List<String>> filterEcho = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> filter : query.filters().entrySet()) {
            Optional<Dimension> dimension = Dimension.byApiName(filter.getKey());
            if (dimension.isEmpty()) {
                violations.add(new InvalidQueryException.Violation(filter.getKey(),
                        "not a dimension that can filter a table (closed questions cannot be filters)"));
                continue;
            }
            List<String> values = filter.getValue().stream().flatMap(v -> List.of(v.split(",")).stream())
                    .map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
            if (values.isEmpty()) {
                violations.add(new InvalidQueryException.Violation(filter.getKey(), "needs at least one value"));
                continue;
            }
            filters.put(dimension.get(), new LinkedHashSet<>(values));
            filterEcho.put(filter.getKey(), values);
        }
        boolean pairTable = rows != null && columns != null && rows.question() != null && columns.question() != null;
        if (pairTable) {
            if (rows.question().equals(columns.question()) && !rows.name().equals(columns.name())) {
                violations.add(new InvalidQueryException.Violation("columns", "must differ from rows"));
            }
            for (Dimension filter : filters.keySet()) {
                if (filter != Dimension.QUESTIONNAIRE) {
                    violations.add(new InvalidQueryException.Violation(filter.apiName(),
                            "a table of two closed questions can be filtered by questionnaire only"));
                }
            }
        }
        boolean choiceTable = !pairTable
                && ((rows != null && rows.question() != null) || (columns != null && columns.question() != null));
        if (choiceTable) {
            for (Axis axis : new Axis[] {rows, columns}) {
                if (axis != null && axis.question() == null && !axis.dimension().broad()) {
                    violations.add(new InvalidQueryException.Violation(axis == rows ? "rows" : "columns",
                            "a closed question can be crossed with the broad dimensions only: " + broadNames()));
                }
            }
            for (Dimension filter : filters.keySet()) {
                if (!filter.broad()) {
                    violations.add(new InvalidQueryException.Violation(filter.apiName(),
                            "a closed-question table can be filtered by the broad dimensions only: " + broadNames()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }
        PublishedTable table = pairTable ? pairTable(rows, columns, filters, filterEcho, percentages)
                : choiceTable ? choiceTable(rows, columns, filters, filterEcho, percentages)
                : recordTable(rows, columns, filters, filterEcho, percentages);
        if (columns != null || !filters.isEmpty()) {
            refuseIfSparse(table);
        }
        return table;
    }

    private PublishedTable recordTable(Axis rows, Axis columns, Map<Dimension, Set<String>> filters,
            Map<String, List<String>> filterEcho, String percentages) {
        Cube cube = cubes.records();
        List<Set<String>> cubeFilters = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            cubeFilters.add(filters.get(d));
        }
        int r = rows.dimension().ordinal();
        int c = columns == null ? -1 : columns.dimension().ordinal();
        Cube.RollUp rollUp = cube.rollUp(r, c, cubeFilters);
        List<String> rowCategories = sorted(cube.presentValues(r));
        List<String> columnCategories = columns == null ? List.of() : sorted(cube.presentValues(c));
        Grid grid = Grid.of(rollUp, rowCategories, columnCategories);
        return publish(rows, columns, filterEcho, percentages, grid, grid.rowSums(), grid.columnSums(), grid.total());
    }

    private PublishedTable choiceTable(Axis rows, Axis columns, Map<Dimension, Set<String>> filters,
            Map<String, List<String>> filterEcho, String percentages) {
        Cube cube = cubes.choices();
        Axis question = rows.question() != null ? rows : columns;
        List<Set<String>> cubeFilters = new ArrayList<>();
        cubeFilters.add(Set.of(question.question()));
        cubeFilters.add(null);
        for (Dimension d : Dimension.BROAD) {
            cubeFilters.add(filters.get(d));
        }
        List<Set<String>> questionOnly = new ArrayList<>(cubeFilters.subList(0, 2));
        for (int i = 0; i < Dimension.BROAD.size(); i++) {
            questionOnly.add(null);
        }
        List<String> options = categories(cube.rollUp(1, -1, questionOnly)).stream()
                .filter(o -> !o.equals(RecordMapper.RESPONDENTS)).toList();
        if (options.isEmpty()) {
            throw new InvalidQueryException(rows == question ? "rows" : "columns", "no closed question with this id has been answered");
        }
        Axis other = rows == question ? columns : rows;
        int otherIndex = other == null ? -1 : 2 + other.dimension().broadIndex();
        List<String> otherCategories = other == null ? List.of()
                : categories(cube.rollUp(otherIndex, -1, questionOnly));
        List<String> optionsWithBase = new ArrayList<>(options);
        optionsWithBase.add(RecordMapper.RESPONDENTS);
        if (rows == question) {
            Grid withBase = Grid.of(cube.rollUp(1, otherIndex, cubeFilters), optionsWithBase, otherCategories);
            Grid body = withBase.withoutLastRow();
            long[][] base = withBase.lastRow();
            // Column totals and the grand total are respondents ('*'), not the sum of selections.
            return publish(rows, columns, filterEcho, percentages, body, body.rowSums(), base, sum(base));
        }
        Grid withBase = Grid.of(cube.rollUp(otherIndex, 1, cubeFilters), otherCategories, optionsWithBase);
        Grid body = withBase.withoutLastColumn();
        long[][] base = withBase.lastColumn();
        return publish(rows, columns, filterEcho, percentages, body, base, body.columnSums(), sum(base));
    }

    /**
     * Two closed questions crossed, from the pair cube. Its {@code *} options make the margins: a row
     * total is the children who chose that option of the row question and were asked the column
     * question, the grand total the children asked both; so percentages are "% of children asked both".
     */
    private PublishedTable pairTable(Axis rows, Axis columns, Map<Dimension, Set<String>> filters,
            Map<String, List<String>> filterEcho, String percentages) {
        Cube cube = cubes.pairs();
        boolean rowsFirst = rows.question().compareTo(columns.question()) < 0;
        String a = rowsFirst ? rows.question() : columns.question();
        String b = rowsFirst ? columns.question() : rows.question();
        List<String> rowOptions = options(rows, "rows");
        List<String> columnOptions = options(columns, "columns");
        List<Set<String>> cubeFilters = new ArrayList<>(List.of(Set.of(a)));
        cubeFilters.add(null);
        cubeFilters.add(Set.of(b));
        cubeFilters.add(null);
        cubeFilters.add(filters.get(Dimension.QUESTIONNAIRE));
        List<String> rowsWithBase = new ArrayList<>(rowOptions);
        rowsWithBase.add(RecordMapper.RESPONDENTS);
        List<String> columnsWithBase = new ArrayList<>(columnOptions);
        columnsWithBase.add(RecordMapper.RESPONDENTS);
        Grid withBase = Grid.of(cube.rollUp(rowsFirst ? 1 : 3, rowsFirst ? 3 : 1, cubeFilters), rowsWithBase, columnsWithBase);
        Grid body = withBase.withoutLastRow().withoutLastColumn();
        long[][] rowTotals = withBase.withoutLastRow().lastColumn();
        long[][] columnTotals = withBase.withoutLastColumn().lastRow();
        long[] total = withBase.cell(rowsWithBase.size() - 1, columnsWithBase.size() - 1);
        return publish(rows, columns, filterEcho, percentages, body, rowTotals, columnTotals, total);
    }

    /** The options of a closed question present anywhere in the store (never only in a filtered group). */
    private List<String> options(Axis question, String parameter) {
        List<Set<String>> questionOnly = new ArrayList<>();
        questionOnly.add(Set.of(question.question()));
        for (int i = 1; i < cubes.choices().dimensions(); i++) {
            questionOnly.add(null);
        }
        List<String> options = categories(cubes.choices().rollUp(1, -1, questionOnly)).stream()
                .filter(o -> !o.equals(RecordMapper.RESPONDENTS)).toList();
        if (options.isEmpty()) {
            throw new InvalidQueryException(parameter, "no closed question with this id has been answered");
        }
        return options;
    }

    private PublishedTable publish(Axis rows, Axis columns, Map<String, List<String>> filters, String percentages,
            Grid grid, long[][] rowTotals, long[][] columnTotals, long[] total) {
        Long publishedTotal = ckm.publish(total[0], total[1]);
        List<PublishedTable.Cell> rowTotalCells = new ArrayList<>();
        Long[] rowTotalValues = new Long[grid.rows.size()];
        for (int i = 0; i < grid.rows.size(); i++) {
            rowTotalValues[i] = ckm.publish(rowTotals[i][0], rowTotals[i][1]);
        }
        Long[] columnTotalValues = new Long[grid.columns.size()];
        for (int j = 0; j < grid.columns.size(); j++) {
            columnTotalValues[j] = ckm.publish(columnTotals[j][0], columnTotals[j][1]);
        }
        List<PublishedTable.Cell> cells = new ArrayList<>();
        boolean twoWay = columns != null;
        for (int i = 0; i < grid.rows.size(); i++) {
            for (int j = 0; j < (twoWay ? grid.columns.size() : 1); j++) {
                long[] nk = grid.cell(i, j);
                Long count = twoWay ? ckm.publish(nk[0], nk[1]) : rowTotalValues[i];
                Long denominator = switch (percentages) {
                    case "row" -> rowTotalValues[i];
                    case "column" -> columnTotalValues[j];
                    case "total" -> publishedTotal;
                    default -> null;
                };
                cells.add(cell(grid.rows.get(i), twoWay ? grid.columns.get(j) : null, count,
                        percentages.equals("none") ? null : percent(count, denominator)));
            }
        }
        List<PublishedTable.Cell> columnTotalCells = new ArrayList<>();
        if (twoWay) {
            for (int i = 0; i < grid.rows.size(); i++) {
                rowTotalCells.add(cell(grid.rows.get(i), null, rowTotalValues[i], switch (percentages) {
                    case "row" -> percent(rowTotalValues[i], rowTotalValues[i]);
                    case "total" -> percent(rowTotalValues[i], publishedTotal);
                    default -> null;
                }));
            }
            for (int j = 0; j < grid.columns.size(); j++) {
                columnTotalCells.add(cell(null, grid.columns.get(j), columnTotalValues[j], switch (percentages) {
                    case "column" -> percent(columnTotalValues[j], columnTotalValues[j]);
                    case "total" -> percent(columnTotalValues[j], publishedTotal);
                    default -> null;
                }));
            }
        }
        PublishedTable.Cell totalCell = cell(null, null, publishedTotal,
                percentages.equals("none") ? null : percent(publishedTotal, publishedTotal));
        return new PublishedTable(
                new PublishedTable.Axis(rows.name(), rows.label(), grid.rows),
                columns == null ? null : new PublishedTable.Axis(columns.name(), columns.label(), grid.columns),
                filters, percentages, cells, rowTotalCells, columnTotalCells, totalCell,
                new PublishedTable.Disclosure("cell key method", ckm.threshold(), String.format(NOTICE, ckm.threshold())));
    }

    private void refuseIfSparse(PublishedTable table) {
        int cellCount = table.cells().size();
        if (table.total().count() == null) {
            throw new TableRefusedException("This table describes fewer than " + ckm.threshold()
                    + " children; choose broader filters.");
        }
        double mean = (double) table.total().count() / cellCount;
        if (mean < minimumMeanCellSize) {
            throw new TableRefusedException(String.format(
                    "This table is too sparse for its population: %d cells for about %d children (fewer than %s per cell "
                            + "on average). Use fewer or broader categories, or fewer filters.",
                    cellCount, table.total().count(), fmt(minimumMeanCellSize)));
        }
        long suppressed = table.cells().stream().filter(PublishedTable.Cell::suppressed).count();
        if (suppressed > maximumSuppressedShare * cellCount) {
            throw new TableRefusedException(String.format(
                    "This table is too sparse for its population: %d of its %d cells would be suppressed. "
                            + "Use fewer or broader categories, or fewer filters.", suppressed, cellCount));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static PublishedTable.Cell cell(String row, String column, Long count, Double percent) {
        return new PublishedTable.Cell(row, column, count, percent, count == null);
    }

    static Double percent(Long count, Long denominator) {
        if (count == null || denominator == null || denominator == 0) {
            return null;
        }
        return Math.round(1000.0 * count / denominator) / 10.0;
    }

    private static long[] sum(long[][] cells) {
        long[] total = new long[2];
        for (long[] c : cells) {
            total[0] += c[0];
            total[1] += c[1];
        }
        return total;
    }

    /** Categories with at least one record, in display order. */
    private static List<String> categories(Cube.RollUp oneWay) {
        List<String> present = new ArrayList<>();
        for (int i = 0; i < oneWay.rowValues().size(); i++) {
            if (oneWay.count(i, 0) > 0) {
                present.add(oneWay.rowValues().get(i));
            }
        }
        return sorted(present);
    }

    /** Numbers in numeric order, then codes, then the upper-case missing-data categories. */
    static List<String> sorted(List<String> values) {
        return values.stream().sorted(Comparator
                        .comparingInt((String v) -> isNumber(v) ? 0 : isMissingCode(v) ? 2 : 1)
                        .thenComparingLong(v -> isNumber(v) ? Long.parseLong(v) : 0)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static boolean isNumber(String v) {
        return v.matches("-?\\d{1,18}");
    }

    private static boolean isMissingCode(String v) {
        return v.matches("[A-Z_]+");
    }

    private String broadNames() {
        return String.join(", ", Dimension.BROAD.stream().map(Dimension::apiName).toList());
    }

    private Axis resolve(String parameter, String name, List<InvalidQueryException.Violation> violations, boolean required) {
        if (name == null || name.isBlank()) {
            if (required) {
                violations.add(new InvalidQueryException.Violation(parameter, "is required: one of " + String.join(", ", dimensionNames())));
            }
            return null;
        }
        if (name.startsWith(Dimension.QUESTION_PREFIX) && name.length() > Dimension.QUESTION_PREFIX.length()) {
            String question = name.substring(Dimension.QUESTION_PREFIX.length());
            return new Axis(name, "Question " + question, null, question);
        }
        if (name.equals("supportReceived")) {
            return new Axis(name, "Support received", null, "supportReceived");
        }
        Optional<Dimension> dimension = Dimension.byApiName(name);
        if (dimension.isEmpty()) {
            violations.add(new InvalidQueryException.Violation(parameter, "unknown dimension; use one of "
                    + String.join(", ", dimensionNames()) + " or question.<questionId>"));
            return null;
        }
        return new Axis(name, dimension.get().label(), dimension.get(), null);
    }

    private record Axis(String name, String label, Dimension dimension, String question) {
    }

    /** Counts and key sums of a roll-up re-indexed by the chosen categories. */
    private static final class Grid {
        final List<String> rows;
        final List<String> columns;
        final long[][][] values;

        private Grid(List<String> rows, List<String> columns, long[][][] values) {
            this.rows = rows;
            this.columns = columns;
            this.values = values;
        }

        static Grid of(Cube.RollUp rollUp, List<String> rows, List<String> columns) {
            int width = Math.max(1, columns.size());
            long[][][] values = new long[rows.size()][width][2];
            Map<String, Integer> rowIndex = index(rows);
            Map<String, Integer> columnIndex = index(columns);
            for (int i = 0; i < rollUp.rowValues().size(); i++) {
                Integer row = rowIndex.get(rollUp.rowValues().get(i));
                if (row == null) {
                    continue;
                }
                for (int j = 0; j < rollUp.columns(); j++) {
                    Integer column = columns.isEmpty() ? Integer.valueOf(0) : columnIndex.get(rollUp.columnValues().get(j));
                    if (column == null) {
                        continue;
                    }
                    values[row][column][0] += rollUp.count(i, j);
                    values[row][column][1] += rollUp.keySum(i, j);
                }
            }
            return new Grid(rows, columns, values);
        }

        private static Map<String, Integer> index(List<String> values) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                index.put(values.get(i), i);
            }
            return index;
        }

        long[] cell(int row, int column) {
            return values[row][column];
        }

        long[][] rowSums() {
            long[][] sums = new long[rows.size()][2];
            for (int i = 0; i < rows.size(); i++) {
                for (long[] c : values[i]) {
                    sums[i][0] += c[0];
                    sums[i][1] += c[1];
                }
            }
            return sums;
        }

        long[][] columnSums() {
            int width = Math.max(1, columns.size());
            long[][] sums = new long[width][2];
            for (long[][] row : values) {
                for (int j = 0; j < width; j++) {
                    sums[j][0] += row[j][0];
                    sums[j][1] += row[j][1];
                }
            }
            return sums;
        }

        long[] total() {
            long[] total = new long[2];
            for (long[] r : rowSums()) {
                total[0] += r[0];
                total[1] += r[1];
            }
            return total;
        }

        Grid withoutLastRow() {
            long[][][] body = java.util.Arrays.copyOf(values, rows.size() - 1);
            return new Grid(rows.subList(0, rows.size() - 1), columns, body);
        }

        long[][] lastRow() {
            return values[rows.size() - 1];
        }

        Grid withoutLastColumn() {
            long[][][] body = new long[rows.size()][][];
            for (int i = 0; i < rows.size(); i++) {
                body[i] = java.util.Arrays.copyOf(values[i], columns.size() - 1);
            }
            return new Grid(rows, columns.subList(0, columns.size() - 1), body);
        }

        long[][] lastColumn() {
            long[][] base = new long[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                base[i] = values[i][columns.size() - 1];
            }
            return base;
        }
    }
}
