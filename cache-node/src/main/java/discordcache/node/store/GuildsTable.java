package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Guild;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.JSONB;
import static discordcache.node.store.ColumnType.TEXT;
import static discordcache.node.store.ColumnType.TEXT_ARRAY;
import static discordcache.node.store.ColumnType.TIMESTAMP;

final class GuildsTable extends SnowflakeTable<Guild> {
    GuildsTable() {
        super(CacheMap.GUILDS, column("id", BIGINT), column("name", TEXT), column("icon", TEXT),
                column("splash", TEXT), column("banner", TEXT), column("description", TEXT),
                column("owner_id", BIGINT), column("afk_channel_id", BIGINT), column("afk_timeout", INTEGER),
                column("system_channel_id", BIGINT), column("rules_channel_id", BIGINT),
                column("public_updates_channel_id", BIGINT), column("verification_level", INTEGER),
                column("default_message_notifications", INTEGER), column("explicit_content_filter", INTEGER),
                column("mfa_level", INTEGER), column("nsfw_level", INTEGER), column("premium_tier", INTEGER),
                column("premium_subscription_count", INTEGER), column("preferred_locale", TEXT),
                column("vanity_url_code", TEXT), column("features", TEXT_ARRAY), column("member_count", INTEGER),
                column("large", BOOLEAN), column("joined_at", TIMESTAMP), column("roles", JSONB),
                column("emojis", JSONB), column("member_list_complete", BOOLEAN), column("version", BIGINT));
    }

    @Override
    Object[] toRow(Guild g) {
        return new Object[] {g.id(), g.name(), g.icon(), g.splash(), g.banner(), g.description(), g.ownerId(),
                g.afkChannelId(), g.afkTimeout(), g.systemChannelId(), g.rulesChannelId(),
                g.publicUpdatesChannelId(), g.verificationLevel(), g.defaultMessageNotifications(),
                g.explicitContentFilter(), g.mfaLevel(), g.nsfwLevel(), g.premiumTier(),
                g.premiumSubscriptionCount(), g.preferredLocale(), g.vanityUrlCode(),
                g.features().toArray(String[]::new), g.memberCount(), g.large(), micros(g.joinedAt()),
                JsonColumns.roles(g.roles()), JsonColumns.emojis(g.emojis()), g.memberListComplete(), g.version()};
    }

    @Override
    Guild fromResultSet(ResultSet rs) throws SQLException {
        return new Guild(rs.getLong("id"), rs.getString("name"), rs.getString("icon"), rs.getString("splash"),
                rs.getString("banner"), rs.getString("description"), rs.getLong("owner_id"),
                nullableLong(rs, "afk_channel_id"), rs.getInt("afk_timeout"), nullableLong(rs, "system_channel_id"),
                nullableLong(rs, "rules_channel_id"), nullableLong(rs, "public_updates_channel_id"),
                rs.getInt("verification_level"), rs.getInt("default_message_notifications"),
                rs.getInt("explicit_content_filter"), rs.getInt("mfa_level"), rs.getInt("nsfw_level"),
                rs.getInt("premium_tier"), rs.getInt("premium_subscription_count"), rs.getString("preferred_locale"),
                rs.getString("vanity_url_code"), strings(rs, "features"), rs.getInt("member_count"),
                rs.getBoolean("large"), instant(rs, "joined_at"), JsonColumns.roles(rs.getString("roles")),
                JsonColumns.emojis(rs.getString("emojis")), rs.getBoolean("member_list_complete"),
                rs.getLong("version"));
    }

    @Override
    Long keyOf(Guild value) {
        return value.id();
    }
}
