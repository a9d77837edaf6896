package discordcache.query;

import discordcache.model.Snowflakes;

/**
 * The channel and thread ids of one guild, kept in the {@value #MAP_NAME} map under the guild id. Channels and
 * threads are cached under their own ids, so that a bot finds one by id alone; this index lets a guild's
 * channels be listed without scanning the cluster.
 *
 * <p>The write API adds an id here before it writes the channel and removes it after the channel is deleted, so
 * the index holds at least every cached channel of its guild. Queries drop ids whose channel is gone. The map has
 * no store of its own: an entry missing from memory is rebuilt from the channels and threads tables.
 *
 * @param channelIds the guild's channel ids, ascending
 * @param threadIds  the guild's thread ids, ascending
 */
public record GuildIndex(Snowflakes channelIds, Snowflakes threadIds) {
    /** The name of the index map. */
    public static final String MAP_NAME = "guild_index";

    private static final GuildIndex EMPTY = new GuildIndex(Snowflakes.empty(), Snowflakes.empty());

    public GuildIndex {
        channelIds = channelIds == null ? Snowflakes.empty() : channelIds;
        threadIds = threadIds == null ? Snowflakes.empty() : threadIds;
    }

    /** An index without ids. */
    public static GuildIndex empty() {
        return EMPTY;
    }

    /** The ids of {@code kind}. */
    public Snowflakes ids(Kind kind) {
        return kind == Kind.CHANNELS ? channelIds : threadIds;
    }

    /** This index with the ids of {@code kind} replaced. */
    GuildIndex with(Kind kind, Snowflakes ids) {
        return kind == Kind.CHANNELS ? new GuildIndex(ids, threadIds) : new GuildIndex(channelIds, ids);
    }

    /** What a guild index lists. */
    public enum Kind {
        CHANNELS, THREADS
    }
}
