package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.UnavailableGuild;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;

final class UnavailableGuildsTable extends SnowflakeTable<UnavailableGuild> {
    UnavailableGuildsTable() {
        super(CacheMap.UNAVAILABLE_GUILDS, column("id", BIGINT), column("version", BIGINT));
    }

    @Override
    Object[] toRow(UnavailableGuild g) {
        return new Object[] {g.id(), g.version()};
    }

    @Override
    UnavailableGuild fromResultSet(ResultSet rs) throws SQLException {
        return new UnavailableGuild(rs.getLong("id"), rs.getLong("version"));
    }

    @Override
    Long keyOf(UnavailableGuild value) {
        return value.id();
    }
}
