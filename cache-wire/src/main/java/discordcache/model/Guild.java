package discordcache.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A guild with its roles and emojis. The guild's members, channels, threads and presences are separate
 * entities, keyed so that they live in the same partition as the guild's other data.
 *
 * @param id                          the guild's snowflake
 * @param name                        the guild name
 * @param icon                        the icon hash, or null
 * @param splash                      the splash hash, or null
 * @param banner                      the banner hash, or null
 * @param description                 the description, or null
 * @param ownerId                     the owner's user id
 * @param afkChannelId                the AFK voice channel, or null
 * @param afkTimeout                  the AFK timeout in seconds
 * @param systemChannelId             the system message channel, or null
 * @param rulesChannelId              the rules channel, or null
 * @param publicUpdatesChannelId      the community updates channel, or null
 * @param verificationLevel           the verification level (0–4)
 * @param defaultMessageNotifications the default notification level
 * @param explicitContentFilter       the explicit content filter level
 * @param mfaLevel                    the MFA level required for moderation
 * @param nsfwLevel                   the guild NSFW level
 * @param premiumTier                 the boost tier
 * @param premiumSubscriptionCount    the number of boosts
 * @param preferredLocale             the preferred locale, or null
 * @param vanityUrlCode               the vanity invite code, or null
 * @param features                    the enabled guild features
 * @param memberCount                 the member count Discord reported (kept current by member add and remove)
 * @param large                       whether Discord considers the guild large
 * @param joinedAt                    when the bot joined, or null
 * @param roles                       the guild's roles, including {@code @everyone}
 * @param emojis                      the guild's custom emojis
 * @param memberListComplete          whether the cache was sent the guild's whole member list (a GUILD_CREATE
 *                                    listing every member, or the last chunk of a members request that
 *                                    left none missing), so that its cached members are all of them
 * @param version                     the writer's version of this value
 */
public record Guild(long id, String name, String icon, String splash, String banner, String description, long ownerId,
                    Long afkChannelId, int afkTimeout, Long systemChannelId, Long rulesChannelId,
                    Long publicUpdatesChannelId, int verificationLevel, int defaultMessageNotifications,
                    int explicitContentFilter, int mfaLevel, int nsfwLevel, int premiumTier,
                    int premiumSubscriptionCount, String preferredLocale, String vanityUrlCode, List<String> features,
                    int memberCount, boolean large, Instant joinedAt, List<Role> roles, List<Emoji> emojis,
                    boolean memberListComplete,
                    long version) implements Versioned<Guild> {
    public Guild {
        Objects.requireNonNull(name, "name is null");
        features = features == null ? List.of() : List.copyOf(features);
        roles = roles == null ? List.of() : List.copyOf(roles);
        emojis = emojis == null ? List.of() : List.copyOf(emojis);
    }

    /** The role with this id, if the guild has it. */
    public Optional<Role> role(long roleId) {
        return roles.stream().filter(role -> role.id() == roleId).findFirst();
    }

    /** The emoji with this id, if the guild has it. */
    public Optional<Emoji> emoji(long emojiId) {
        return emojis.stream().filter(emoji -> emoji.id() == emojiId).findFirst();
    }

    /** This guild with another version stamp. */
    @Override
    public Guild withVersion(long newVersion) {
        return new Guild(id, name, icon, splash, banner, description, ownerId, afkChannelId, afkTimeout,
                systemChannelId, rulesChannelId, publicUpdatesChannelId, verificationLevel, defaultMessageNotifications,
                explicitContentFilter, mfaLevel, nsfwLevel, premiumTier, premiumSubscriptionCount, preferredLocale,
                vanityUrlCode, features, memberCount, large, joinedAt, roles, emojis, memberListComplete, newVersion);
    }
}
