package discordcache.model;

/**
 * A guild's custom emoji; cached inside its {@link Guild}.
 *
 * @param id            the emoji's snowflake
 * @param name          the emoji name, or null for a deleted emoji
 * @param roles         the roles allowed to use it (empty = everyone)
 * @param requireColons whether it must be wrapped in colons
 * @param managed       whether an integration manages it
 * @param animated      whether it is animated
 * @param available     whether it can be used now (false when boosts were lost)
 */
public record Emoji(long id, String name, Snowflakes roles, boolean requireColons, boolean managed, boolean animated,
                    boolean available) {
    public Emoji {
        roles = roles == null ? Snowflakes.empty() : roles;
    }
}
