package discordcache.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns: a header line, then one line per row, columns two spaces apart.
 * Columns whose cells are all numbers are right-aligned; cells are rendered by {@link Cells#text}.
 */
final class Table {
    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row of as many cells as there are headers; cells may be null. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " cells expected, got " + cells.length);
        }
        rows.add(Arrays.asList(cells.clone()));
        return this;
    }

    /** The lines of the table, each ending with a line break. */
    String render() {
        int columns = headers.size();
        List<String[]> lines = new ArrayList<>();
        lines.add(headers.toArray(String[]::new));
        rows.forEach(row -> lines.add(row.stream().map(Cells::text).toArray(String[]::new)));
        int[] widths = new int[columns];
        boolean[] right = new boolean[columns];
        for (int column = 0; column < columns; column++) {
            for (String[] line : lines) {
                widths[column] = Math.max(widths[column], width(line[column]));
            }
            int index = column;
            right[column] = !rows.isEmpty() && rows.stream().allMatch(row -> row.get(index) instanceof Number);
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder out = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                String padding = " ".repeat(widths[column] - width(line[column]));
                out.append(column == 0 ? "" : GAP).append(right[column] ? padding + line[column] : line[column] + padding);
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
