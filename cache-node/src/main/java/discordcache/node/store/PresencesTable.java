package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.JSONB;
import static discordcache.node.store.ColumnType.TEXT;

final class PresencesTable extends EntityTable<PresenceKey, Presence> {
    PresencesTable() {
        super(CacheMap.PRESENCES, 2, column("guild_id", BIGINT), column("user_id", BIGINT), column("status", TEXT),
                column("client_status", JSONB), column("activities", JSONB), column("version", BIGINT));
    }

    @Override
    Object[] toRow(Presence p) {
        return new Object[] {p.guildId(), p.userId(), p.status(), JsonColumns.clientStatus(p.clientStatus()),
                p.activitiesJson(), p.version()};
    }

    @Override
    Object[] keyRow(PresenceKey key) {
        return new Object[] {key.guildId(), key.userId()};
    }

    @Override
    Presence fromResultSet(ResultSet rs) throws SQLException {
        return new Presence(rs.getLong("guild_id"), rs.getLong("user_id"), rs.getString("status"),
                JsonColumns.clientStatus(rs.getString("client_status")), rs.getString("activities"),
                rs.getLong("version"));
    }

    @Override
    PresenceKey keyFromResultSet(ResultSet rs) throws SQLException {
        return new PresenceKey(rs.getLong("guild_id"), rs.getLong("user_id"));
    }

    @Override
    PresenceKey keyOf(Presence value) {
        return value.key();
    }

    @Override
    String guildIdsSql() {
        return "SELECT guild_id, user_id AS id FROM presences ORDER BY guild_id";
    }
}
