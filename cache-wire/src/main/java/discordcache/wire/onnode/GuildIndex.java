package discordcache.wire.onnode;

import java.util.Objects;

/**
 * The ids of what one guild holds: its channels, threads, members and presences, kept in the {@value #MAP_NAME}
 * map under the guild id as a decimal string ({@link #key}). That is the partition key of the guild's members and
 * presences, so the index lives in the same partition as the entries it lists: a guild's queries, sweeps and
 * cascades read this entry and then exactly the guild's own entries, whatever else the cluster caches.
 *
 * <p>The index holds at least every cached entry of its guild: every write adds an id here before it writes the
 * entry, and removes it only after the entry is deleted. It may briefly list an id whose entry is gone (a write that
 * failed, a delete in flight); queries read the entries and drop those. The map keeps its values as objects and
 * has no store: after a full restart the nodes rebuild it from PostgreSQL.
 *
 * @param channels  the guild's channel ids
 * @param threads   the guild's thread ids
 * @param members   the user ids of the guild's members
 * @param presences the user ids of the guild's presences
 */
public record GuildIndex(IdSet channels, IdSet threads, IdSet members, IdSet presences) {
    /** The name of the index map. */
    public static final String MAP_NAME = "guild_index";

    private static final GuildIndex EMPTY = new GuildIndex(IdSet.empty(), IdSet.empty(), IdSet.empty(),
            IdSet.empty());

    public GuildIndex {
        channels = Objects.requireNonNullElse(channels, IdSet.empty());
        threads = Objects.requireNonNullElse(threads, IdSet.empty());
        members = Objects.requireNonNullElse(members, IdSet.empty());
        presences = Objects.requireNonNullElse(presences, IdSet.empty());
    }

    /** An index without ids. */
    public static GuildIndex empty() {
        return EMPTY;
    }

    /** The key of a guild's index entry: its id in decimal, the partition key of its members and presences. */
    public static String key(long guildId) {
        return Long.toString(guildId);
    }

    /** The ids of {@code kind}. */
    public IdSet ids(Kind kind) {
        return switch (kind) {
            case CHANNELS -> channels;
            case THREADS -> threads;
            case MEMBERS -> members;
            case PRESENCES -> presences;
        };
    }

    /** This index with the ids of {@code kind} replaced. */
    public GuildIndex with(Kind kind, IdSet ids) {
        return switch (kind) {
            case CHANNELS -> new GuildIndex(ids, threads, members, presences);
            case THREADS -> new GuildIndex(channels, ids, members, presences);
            case MEMBERS -> new GuildIndex(channels, threads, ids, presences);
            case PRESENCES -> new GuildIndex(channels, threads, members, ids);
        };
    }

    public boolean isEmpty() {
        return channels.isEmpty() && threads.isEmpty() && members.isEmpty() && presences.isEmpty();
    }

    /** What a guild index lists. */
    public enum Kind {
        CHANNELS, THREADS, MEMBERS, PRESENCES
    }
}
