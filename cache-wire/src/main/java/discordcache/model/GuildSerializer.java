package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;


final class GuildSerializer implements CompactSerializer<Guild> {
    @Override
    public Guild read(CompactReader in) {
        return new Guild(in.readInt64("id"), in.readString("name"), in.readString("icon"), in.readString("splash"),
                in.readString("banner"), in.readString("description"), in.readInt64("ownerId"),
                in.readNullableInt64("afkChannelId"), in.readInt32("afkTimeout"),
                in.readNullableInt64("systemChannelId"), in.readNullableInt64("rulesChannelId"),
                in.readNullableInt64("publicUpdatesChannelId"), in.readInt32("verificationLevel"),
                in.readInt32("defaultMessageNotifications"), in.readInt32("explicitContentFilter"),
                in.readInt32("mfaLevel"), in.readInt32("nsfwLevel"), in.readInt32("premiumTier"),
                in.readInt32("premiumSubscriptionCount"), in.readString("preferredLocale"),
                in.readString("vanityUrlCode"), CompactArrays.list(in.readArrayOfString("features")),
                in.readInt32("memberCount"), in.readBoolean("large"),
                EpochMicros.toInstant(in.readNullableInt64("joinedAtMicros")),
                CompactArrays.list(in.readArrayOfCompact("roles", Role.class)),
                CompactArrays.list(in.readArrayOfCompact("emojis", Emoji.class)), in.readBoolean("memberListComplete"),
                in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, Guild guild) {
        out.writeInt64("id", guild.id());
        out.writeString("name", guild.name());
        out.writeString("icon", guild.icon());
        out.writeString("splash", guild.splash());
        out.writeString("banner", guild.banner());
        out.writeString("description", guild.description());
        out.writeInt64("ownerId", guild.ownerId());
        out.writeNullableInt64("afkChannelId", guild.afkChannelId());
        out.writeInt32("afkTimeout", guild.afkTimeout());
        out.writeNullableInt64("systemChannelId", guild.systemChannelId());
        out.writeNullableInt64("rulesChannelId", guild.rulesChannelId());
        out.writeNullableInt64("publicUpdatesChannelId", guild.publicUpdatesChannelId());
        out.writeInt32("verificationLevel", guild.verificationLevel());
        out.writeInt32("defaultMessageNotifications", guild.defaultMessageNotifications());
        out.writeInt32("explicitContentFilter", guild.explicitContentFilter());
        out.writeInt32("mfaLevel", guild.mfaLevel());
        out.writeInt32("nsfwLevel", guild.nsfwLevel());
        out.writeInt32("premiumTier", guild.premiumTier());
        out.writeInt32("premiumSubscriptionCount", guild.premiumSubscriptionCount());
        out.writeString("preferredLocale", guild.preferredLocale());
        out.writeString("vanityUrlCode", guild.vanityUrlCode());
        out.writeArrayOfString("features", guild.features().toArray(String[]::new));
        out.writeInt32("memberCount", guild.memberCount());
        out.writeBoolean("large", guild.large());
        out.writeNullableInt64("joinedAtMicros", EpochMicros.of(guild.joinedAt()));
        out.writeArrayOfCompact("roles", guild.roles().toArray(Role[]::new));
        out.writeArrayOfCompact("emojis", guild.emojis().toArray(Emoji[]::new));
        out.writeBoolean("memberListComplete", guild.memberListComplete());
        out.writeInt64("version", guild.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Guild";
    }

    @Override
    public Class<Guild> getCompactClass() {
        return Guild.class;
    }
}
