package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Channel;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.JSONB;
import static discordcache.node.store.ColumnType.TEXT;
import static discordcache.node.store.ColumnType.TIMESTAMP;

final class ChannelsTable extends SnowflakeTable<Channel> {
    ChannelsTable() {
        super(CacheMap.CHANNELS, column("id", BIGINT), column("guild_id", BIGINT), column("type", INTEGER),
                column("name", TEXT), column("position", INTEGER), column("parent_id", BIGINT),
                column("topic", TEXT), column("nsfw", BOOLEAN), column("last_message_id", BIGINT),
                column("rate_limit_per_user", INTEGER), column("bitrate", INTEGER), column("user_limit", INTEGER),
                column("flags", INTEGER), column("last_pin_timestamp", TIMESTAMP),
                column("permission_overwrites", JSONB), column("version", BIGINT));
    }

    @Override
    Object[] toRow(Channel c) {
        return new Object[] {c.id(), c.guildId(), c.type(), c.name(), c.position(), c.parentId(), c.topic(),
                c.nsfw(), c.lastMessageId(), c.rateLimitPerUser(), c.bitrate(), c.userLimit(), c.flags(),
                micros(c.lastPinTimestamp()), JsonColumns.overwrites(c.permissionOverwrites()), c.version()};
    }

    @Override
    Channel fromResultSet(ResultSet rs) throws SQLException {
        return new Channel(rs.getLong("id"), nullableLong(rs, "guild_id"), rs.getInt("type"), rs.getString("name"),
                rs.getInt("position"), nullableLong(rs, "parent_id"), rs.getString("topic"), rs.getBoolean("nsfw"),
                nullableLong(rs, "last_message_id"), rs.getInt("rate_limit_per_user"), rs.getInt("bitrate"),
                rs.getInt("user_limit"), rs.getInt("flags"), instant(rs, "last_pin_timestamp"),
                JsonColumns.overwrites(rs.getString("permission_overwrites")), rs.getLong("version"));
    }

    @Override
    Long keyOf(Channel value) {
        return value.id();
    }

    @Override
    String guildIdsSql() {
        return "SELECT guild_id, id FROM channels WHERE guild_id IS NOT NULL ORDER BY guild_id";
    }
}
