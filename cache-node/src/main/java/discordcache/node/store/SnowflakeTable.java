package discordcache.node.store;

import discordcache.model.CacheMap;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A table keyed by one snowflake in its {@code id} column, the first column. */
abstract class SnowflakeTable<V> extends EntityTable<Long, V> {
    SnowflakeTable(CacheMap<Long, V> map, Column... columns) {
        super(map, 1, columns);
    }

    @Override
    final Object[] keyRow(Long id) {
        return new Object[] {id};
    }

    @Override
    final Long keyFromResultSet(ResultSet rs) throws SQLException {
        return rs.getLong("id");
    }
}
