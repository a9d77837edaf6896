package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Snowflakes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One entity's table: its columns, how a value becomes a row and back, and the four statements the map store
 * runs against it.
 *
 * <p>Each subclass declares its columns once, key columns first, in the order of {@link #toRow}. The statements
 * are derived here from that declaration because they have the same shape for every table; the migration in
 * {@code sql/} is the schema, and a subclass is the one place where an entity meets its table.
 * <ul>
 *   <li>upsert: one {@code INSERT … SELECT … FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE t.version <
 *       EXCLUDED.version} per batch, each column bound as one array, so a batch is one statement and one round
 *       trip, and an older version never replaces a newer one;</li>
 *   <li>delete: one {@code DELETE … USING unnest(…)} per batch;</li>
 *   <li>load: one {@code SELECT … JOIN unnest(…)} per batch of keys;</li>
 *   <li>keys: one {@code SELECT} of the key columns, streamed with a cursor;</li>
 *   <li>rows: one {@code SELECT} of every row, streamed with a cursor, for the initial load.</li>
 * </ul>
 *
 * @param <K> the map's key type
 * @param <V> the map's value type
 */
abstract class EntityTable<K, V> {
    record Column(String name, ColumnType type) {
    }

    private final CacheMap<K, V> map;
    private final List<Column> columns;
    private final int keyColumnCount;
    private final String upsertSql;
    private final String deleteSql;
    private final String selectByKeysSql;
    private final String selectKeysSql;
    private final String selectAllSql;

    EntityTable(CacheMap<K, V> map, int keyColumnCount, Column... columns) {
        this.map = map;
        this.columns = List.of(columns);
        this.keyColumnCount = keyColumnCount;
        List<Column> keys = this.columns.subList(0, keyColumnCount);
        String table = map.name();
        String allNames = names(this.columns, "%s");
        String keyNames = names(keys, "%s");
        this.upsertSql = "INSERT INTO " + table + " AS t (" + allNames + ")"
                + " SELECT " + this.columns.stream().map(c -> c.type().convert(c.name()))
                .collect(Collectors.joining(", "))
                + " FROM " + unnest(this.columns) + " AS r(" + allNames + ")"
                + " ON CONFLICT (" + keyNames + ") DO UPDATE SET "
                + names(this.columns.subList(keyColumnCount, this.columns.size()), "%1$s = EXCLUDED.%1$s")
                + " WHERE t.version < EXCLUDED.version";
        String keyMatch = keys.stream().map(c -> "t." + c.name() + " = d." + c.name())
                .collect(Collectors.joining(" AND "));
        this.deleteSql = "DELETE FROM " + table + " t USING " + unnest(keys) + " AS d(" + keyNames + ") WHERE "
                + keyMatch;
        this.selectByKeysSql = "SELECT " + names(this.columns, "t.%s") + " FROM " + table + " t JOIN "
                + unnest(keys) + " AS d(" + keyNames + ") ON " + keyMatch;
        this.selectKeysSql = "SELECT " + keyNames + " FROM " + table;
        this.selectAllSql = "SELECT " + allNames + " FROM " + table;
        if (!this.columns.get(this.columns.size() - 1).name().equals("version")) {
            throw new IllegalStateException(table + ": the last column must be version");
        }
    }

    static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    private static String names(List<Column> columns, String format) {
        return columns.stream().map(c -> format.formatted(c.name())).collect(Collectors.joining(", "));
    }

    private static String unnest(List<Column> columns) {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        columns.forEach(c -> arrays.add("?::" + c.type().elementType() + "[]"));
        return arrays.toString();
    }

    /** The map this table persists; its name is the table's name. */
    final CacheMap<K, V> map() {
        return map;
    }

    final String name() {
        return map.name();
    }

    /** The value as a row, in column order. */
    abstract Object[] toRow(V value);

    /** The key as a row of the key columns. */
    abstract Object[] keyRow(K key);

    /** The value in the current row of {@code rs}, which has every column by name. */
    abstract V fromResultSet(ResultSet rs) throws SQLException;

    /** The key in the current row of {@code rs}, which has the key columns by name. */
    abstract K keyFromResultSet(ResultSet rs) throws SQLException;

    /** The key the value is stored under. */
    abstract K keyOf(V value);

    /**
     * For a table whose rows a guild index lists, every {@code (guild_id, id)} pair ordered by guild, for rebuilding
     * the index after a full restart; null for other tables.
     */
    String guildIdsSql() {
        return null;
    }

    /** Upserts the rows in one statement; each key must appear once. */
    final void upsert(Connection connection, List<Object[]> rows) throws SQLException {
        execute(connection, upsertSql, columns, rows);
    }

    /** How many values a row of {@code op} holds: every column for an upsert, the key columns for a delete. */
    final int rowLength(WriteOp op) {
        return op == WriteOp.UPSERT ? columns.size() : keyColumnCount;
    }

    /** Deletes the rows with these key rows in one statement. */
    final void delete(Connection connection, List<Object[]> keyRows) throws SQLException {
        execute(connection, deleteSql, columns.subList(0, keyColumnCount), keyRows);
    }

    /** The values stored under these keys; keys without a row are absent from the result. */
    final List<V> select(Connection connection, Collection<K> keys) throws SQLException {
        List<Object[]> keyRows = keys.stream().map(this::keyRow).toList();
        try (PreparedStatement statement = connection.prepareStatement(selectByKeysSql)) {
            bind(statement, columns.subList(0, keyColumnCount), keyRows);
            List<V> values = new ArrayList<>(keyRows.size());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(fromResultSet(rs));
                }
            }
            return values;
        }
    }

    /** The statement that selects every key, for {@link #keyFromResultSet}. */
    final String selectKeysSql() {
        return selectKeysSql;
    }

    /** The statement that selects every row, for {@link #fromResultSet}. */
    final String selectAllSql() {
        return selectAllSql;
    }

    /** The key columns of a row, for logs and dead letters. */
    final String describeKey(Object[] row) {
        StringJoiner key = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < keyColumnCount; i++) {
            key.add(ColumnType.render(row[i]));
        }
        return key.toString();
    }

    /** Every column of a row as {@code name=value}, for dead letters. */
    final String describeRow(Object[] row) {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < row.length; i++) {
            text.add(columns.get(i).name() + "=" + ColumnType.render(row[i]));
        }
        return text.toString();
    }

    private static void execute(Connection connection, String sql, List<Column> columns, List<Object[]> rows)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, columns, rows);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, List<Column> columns,
                             List<Object[]> rows) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            ColumnType type = columns.get(c).type();
            Object[] elements = type.newArray(rows.size());
            for (int r = 0; r < elements.length; r++) {
                elements[r] = type.toElement(rows.get(r)[c]);
            }
            statement.setObject(c + 1, elements);
        }
    }

    // Helpers for rows: the conversions every table needs, in one place.

    static Long micros(Instant instant) {
        return instant == null ? null
                : Math.addExact(TimeUnit.SECONDS.toMicros(instant.getEpochSecond()), instant.getNano() / 1_000);
    }

    static long[] ids(Snowflakes snowflakes) {
        return snowflakes.toArray();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Snowflakes snowflakes(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return Snowflakes.empty();
        }
        Long[] boxed = (Long[]) array.getArray();
        long[] ids = new long[boxed.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = boxed[i];
        }
        return Snowflakes.of(ids);
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
