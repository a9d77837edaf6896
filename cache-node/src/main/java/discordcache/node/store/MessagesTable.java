package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BIGINT_ARRAY;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.JSONB;
import static discordcache.node.store.ColumnType.TEXT;
import static discordcache.node.store.ColumnType.TIMESTAMP;

final class MessagesTable extends EntityTable<MessageKey, Message> {
    MessagesTable() {
        super(CacheMap.MESSAGES, 2, column("channel_id", BIGINT), column("id", BIGINT), column("guild_id", BIGINT),
                column("author_id", BIGINT), column("content", TEXT), column("timestamp", TIMESTAMP),
                column("edited_timestamp", TIMESTAMP), column("type", INTEGER), column("flags", INTEGER),
                column("tts", BOOLEAN), column("mention_everyone", BOOLEAN), column("pinned", BOOLEAN),
                column("webhook_id", BIGINT), column("mentions", BIGINT_ARRAY),
                column("mention_roles", BIGINT_ARRAY), column("referenced_message_id", BIGINT),
                column("attachments", JSONB), column("embeds", JSONB), column("components", JSONB),
                column("reactions", JSONB), column("version", BIGINT));
    }

    @Override
    Object[] toRow(Message m) {
        return new Object[] {m.channelId(), m.id(), m.guildId(), m.authorId(), m.content(), micros(m.timestamp()),
                micros(m.editedTimestamp()), m.type(), m.flags(), m.tts(), m.mentionEveryone(), m.pinned(),
                m.webhookId(), ids(m.mentionIds()), ids(m.mentionRoleIds()), m.referencedMessageId(),
                m.attachmentsJson(), m.embedsJson(), m.componentsJson(), JsonColumns.reactions(m.reactions()),
                m.version()};
    }

    @Override
    Object[] keyRow(MessageKey key) {
        return new Object[] {key.channelId(), key.messageId()};
    }

    @Override
    Message fromResultSet(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("channel_id"), nullableLong(rs, "guild_id"),
                rs.getLong("author_id"), rs.getString("content"), instant(rs, "timestamp"),
                instant(rs, "edited_timestamp"), rs.getInt("type"), rs.getInt("flags"), rs.getBoolean("tts"),
                rs.getBoolean("mention_everyone"), rs.getBoolean("pinned"), nullableLong(rs, "webhook_id"),
                snowflakes(rs, "mentions"), snowflakes(rs, "mention_roles"),
                nullableLong(rs, "referenced_message_id"), rs.getString("attachments"), rs.getString("embeds"),
                rs.getString("components"), JsonColumns.reactions(rs.getString("reactions")),
                rs.getLong("version"));
    }

    @Override
    MessageKey keyFromResultSet(ResultSet rs) throws SQLException {
        return new MessageKey(rs.getLong("channel_id"), rs.getLong("id"));
    }

    @Override
    MessageKey keyOf(Message value) {
        return value.key();
    }

    /** A page of a channel's message ids, newest first, older than {@code :before}. */
    static final String NEWEST_IDS_BEFORE_SQL = "SELECT id FROM messages WHERE channel_id = :channelId AND id < :before"
            + " ORDER BY id DESC LIMIT :limit";
}
