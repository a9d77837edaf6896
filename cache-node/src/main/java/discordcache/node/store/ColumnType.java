package discordcache.node.store;

import java.util.Arrays;

/**
 * How a column's values travel. Batched statements pass one array per column to {@code unnest}, so every
 * type names the array element type it is sent as and the SQL that turns that element into the column's type.
 * Row values are plain Java values: {@code Long}, {@code Integer}, {@code Boolean}, {@code String},
 * {@code long[]}, {@code String[]}; timestamps are {@code Long} epoch microseconds and jsonb is JSON text.
 */
enum ColumnType {
    BIGINT("int8", "%s", Long.class),
    INTEGER("int4", "%s", Integer.class),
    BOOLEAN("bool", "%s", Boolean.class),
    TEXT("text", "%s", String.class),
    JSONB("text", "%s::jsonb", String.class),
    // Written inline rather than as a SQL function: PostgreSQL inlines the expression, not the function, and
    // the function call alone halves the upsert rate.
    TIMESTAMP("int8", "'epoch'::timestamptz + %s * interval '1 microsecond'", Long.class),
    // Arrays of arrays cannot be unnested row by row, so array columns travel as array literals in text.
    BIGINT_ARRAY("text", "%s::bigint[]", String.class),
    TEXT_ARRAY("text", "%s::text[]", String.class);

    private final String elementType;
    private final String conversion;
    private final Class<?> elementClass;

    ColumnType(String elementType, String conversion, Class<?> elementClass) {
        this.elementType = elementType;
        this.conversion = conversion;
        this.elementClass = elementClass;
    }

    /**
     * A typed array for one column of a batch: pgjdbc sends {@code Long[]}, {@code Integer[]} and
     * {@code Boolean[]} parameters in binary, which an {@code Object[]} would turn into text.
     */
    Object[] newArray(int length) {
        return (Object[]) java.lang.reflect.Array.newInstance(elementClass, length);
    }

    /** The element type of the JDBC array this column is bound as. */
    String elementType() {
        return elementType;
    }

    /** The SQL expression that turns the unnested element {@code name} into the column's type. */
    String convert(String name) {
        return conversion.formatted(name);
    }

    /** The row value as an element of the bound array. */
    Object toElement(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case BIGINT_ARRAY -> longArrayLiteral((long[]) value);
            case TEXT_ARRAY -> textArrayLiteral((String[]) value);
            default -> value;
        };
    }

    private static String longArrayLiteral(long[] values) {
        StringBuilder literal = new StringBuilder(values.length * 20 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append(values[i]);
        }
        return literal.append('}').toString();
    }

    private static String textArrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder().append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            for (char c : values[i].toCharArray()) {
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** A readable rendering of a row value, for dead letters and logs. */
    static String render(Object value) {
        if (value instanceof long[] longs) {
            return Arrays.toString(longs);
        }
        if (value instanceof String[] strings) {
            return Arrays.toString(strings);
        }
        return String.valueOf(value);
    }
}
