package discordcache.cli;

import discordcache.model.Snowflakes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How values look in a table cell: one line, {@code -} for none. */
final class Cells {
    private Cells() {
    }

    /** The value on one line. */
    static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Snowflakes ids) {
            return ids.stream().mapToObj(Long::toString).collect(Collectors.joining(","));
        }
        if (value instanceof Record record) {
            return fields(record).entrySet().stream().map(field -> field.getKey() + "=" + text(field.getValue()))
                    .collect(Collectors.joining(" "));
        }
        if (value instanceof Collection<?> items) {
            if (items.stream().anyMatch(Record.class::isInstance)) {
                return items.size() + (items.size() == 1 ? " entry" : " entries") + " (--json shows them)";
            }
            return items.stream().map(Cells::text).collect(Collectors.joining(","));
        }
        return oneLine(value.toString());
    }

    /** The text cut to {@code maxLength} characters, with {@code …} when cut. */
    static String truncate(String text, int maxLength) {
        String line = oneLine(text);
        if (line.codePointCount(0, line.length()) <= maxLength) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, maxLength - 1)) + "…";
    }

    /** The components of a record by name, in declaration order. */
    static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), e);
            }
        }
        return fields;
    }

    // Line breaks and other control characters would break the table's alignment.
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
