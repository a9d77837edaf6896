package discordcache.model;

/**
 * The fields of a {@link Guild} that a {@link Patch} can update: all but its key ({@code id}) and its version.
 * {@link #ROLES}, {@link #EMOJIS} and {@link #FEATURES} replace whole lists. The constants' order is part of the wire
 * format of patches (their ordinals are the bits of {@link Patch#fieldMask()}): add new constants only at the end.
 */
public enum GuildField implements EntityField<Guild> {
    NAME, ICON, SPLASH, BANNER, DESCRIPTION, OWNER_ID, AFK_CHANNEL_ID, AFK_TIMEOUT, SYSTEM_CHANNEL_ID, RULES_CHANNEL_ID,
    PUBLIC_UPDATES_CHANNEL_ID, VERIFICATION_LEVEL, DEFAULT_MESSAGE_NOTIFICATIONS, EXPLICIT_CONTENT_FILTER, MFA_LEVEL,
    NSFW_LEVEL, PREMIUM_TIER, PREMIUM_SUBSCRIPTION_COUNT, PREFERRED_LOCALE, VANITY_URL_CODE, FEATURES, MEMBER_COUNT,
    LARGE, JOINED_AT, ROLES, EMOJIS, MEMBER_LIST_COMPLETE;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static Guild merge(Guild c, Patch<Guild> p) {
        return new Guild(c.id(), p.from(NAME, c).name(), p.from(ICON, c).icon(), p.from(SPLASH, c).splash(),
                p.from(BANNER, c).banner(), p.from(DESCRIPTION, c).description(), p.from(OWNER_ID, c).ownerId(),
                p.from(AFK_CHANNEL_ID, c).afkChannelId(), p.from(AFK_TIMEOUT, c).afkTimeout(),
                p.from(SYSTEM_CHANNEL_ID, c).systemChannelId(), p.from(RULES_CHANNEL_ID, c).rulesChannelId(),
                p.from(PUBLIC_UPDATES_CHANNEL_ID, c).publicUpdatesChannelId(),
                p.from(VERIFICATION_LEVEL, c).verificationLevel(),
                p.from(DEFAULT_MESSAGE_NOTIFICATIONS, c).defaultMessageNotifications(),
                p.from(EXPLICIT_CONTENT_FILTER, c).explicitContentFilter(), p.from(MFA_LEVEL, c).mfaLevel(),
                p.from(NSFW_LEVEL, c).nsfwLevel(), p.from(PREMIUM_TIER, c).premiumTier(),
                p.from(PREMIUM_SUBSCRIPTION_COUNT, c).premiumSubscriptionCount(),
                p.from(PREFERRED_LOCALE, c).preferredLocale(), p.from(VANITY_URL_CODE, c).vanityUrlCode(),
                p.from(FEATURES, c).features(), p.from(MEMBER_COUNT, c).memberCount(), p.from(LARGE, c).large(),
                p.from(JOINED_AT, c).joinedAt(), p.from(ROLES, c).roles(), p.from(EMOJIS, c).emojis(),
                p.from(MEMBER_LIST_COMPLETE, c).memberListComplete(), c.version());
    }
}
