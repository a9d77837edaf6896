package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadMetadata;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BIGINT_ARRAY;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.TEXT;
import static discordcache.node.store.ColumnType.TIMESTAMP;

final class ThreadsTable extends SnowflakeTable<ThreadChannel> {
    ThreadsTable() {
        super(CacheMap.THREADS, column("id", BIGINT), column("guild_id", BIGINT), column("parent_id", BIGINT),
                column("owner_id", BIGINT), column("type", INTEGER), column("name", TEXT),
                column("last_message_id", BIGINT), column("message_count", INTEGER),
                column("member_count", INTEGER), column("rate_limit_per_user", INTEGER), column("flags", INTEGER),
                column("applied_tags", BIGINT_ARRAY), column("archived", BOOLEAN),
                column("auto_archive_duration", INTEGER), column("archive_timestamp", TIMESTAMP),
                column("locked", BOOLEAN), column("invitable", BOOLEAN), column("create_timestamp", TIMESTAMP),
                column("version", BIGINT));
    }

    @Override
    Object[] toRow(ThreadChannel t) {
        ThreadMetadata m = t.metadata();
        return new Object[] {t.id(), t.guildId(), t.parentId(), t.ownerId(), t.type(), t.name(), t.lastMessageId(),
                t.messageCount(), t.memberCount(), t.rateLimitPerUser(), t.flags(), ids(t.appliedTags()),
                m.archived(), m.autoArchiveDuration(), micros(m.archiveTimestamp()), m.locked(), m.invitable(),
                micros(m.createTimestamp()), t.version()};
    }

    @Override
    ThreadChannel fromResultSet(ResultSet rs) throws SQLException {
        ThreadMetadata metadata = new ThreadMetadata(rs.getBoolean("archived"), rs.getInt("auto_archive_duration"),
                instant(rs, "archive_timestamp"), rs.getBoolean("locked"), nullableBoolean(rs, "invitable"),
                instant(rs, "create_timestamp"));
        return new ThreadChannel(rs.getLong("id"), rs.getLong("guild_id"), rs.getLong("parent_id"),
                nullableLong(rs, "owner_id"), rs.getInt("type"), rs.getString("name"),
                nullableLong(rs, "last_message_id"), rs.getInt("message_count"), rs.getInt("member_count"),
                rs.getInt("rate_limit_per_user"), rs.getInt("flags"), snowflakes(rs, "applied_tags"), metadata,
                rs.getLong("version"));
    }

    @Override
    Long keyOf(ThreadChannel value) {
        return value.id();
    }

    @Override
    String guildIdsSql() {
        return "SELECT guild_id, id FROM threads WHERE guild_id IS NOT NULL ORDER BY guild_id";
    }
}
