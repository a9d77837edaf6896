package discordcache.model;

/**
 * A guild Discord reported as unavailable (an outage, or not yet sent after READY). Its data, if cached,
 * is kept.
 *
 * @param id      the guild's snowflake
 * @param version the writer's version of this value
 */
public record UnavailableGuild(long id, long version) implements Versioned<UnavailableGuild> {
    /** This guild with another version stamp. */
    @Override
    public UnavailableGuild withVersion(long newVersion) {
        return new UnavailableGuild(id, newVersion);
    }
}
