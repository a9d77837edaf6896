package discordcache.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cluster's entity maps: one Hazelcast IMap per entity, with its name and its key and value types.
 *
 * <pre>{@code
 * IMap<MemberKey, Member> members = hazelcast.getMap(CacheMap.MEMBERS.name());
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheMap<K, V> {
    public static final CacheMap<Long, User> USERS = new CacheMap<>("users", Long.class, User.class, User::id);
    public static final CacheMap<Long, Guild> GUILDS = new CacheMap<>("guilds", Long.class, Guild.class, Guild::id);
    public static final CacheMap<MemberKey, Member> MEMBERS =
            new CacheMap<>("members", MemberKey.class, Member.class, Member::key);
    public static final CacheMap<Long, Channel> CHANNELS =
            new CacheMap<>("channels", Long.class, Channel.class, Channel::id);
    public static final CacheMap<Long, ThreadChannel> THREADS =
            new CacheMap<>("threads", Long.class, ThreadChannel.class, ThreadChannel::id);
    public static final CacheMap<MessageKey, Message> MESSAGES =
            new CacheMap<>("messages", MessageKey.class, Message.class, Message::key);
    public static final CacheMap<PresenceKey, Presence> PRESENCES =
            new CacheMap<>("presences", PresenceKey.class, Presence.class, Presence::key);
    public static final CacheMap<Long, UnavailableGuild> UNAVAILABLE_GUILDS =
            new CacheMap<>("unavailable_guilds", Long.class, UnavailableGuild.class, UnavailableGuild::id);

    public static final CacheMap<Integer, ShardSession> SHARD_SESSIONS =
            new CacheMap<>("shard_sessions", Integer.class, ShardSession.class, ShardSession::shardId);

    private static final List<CacheMap<?, ?>> ALL =
            List.of(USERS, GUILDS, MEMBERS, CHANNELS, THREADS, MESSAGES, PRESENCES, UNAVAILABLE_GUILDS,
                    SHARD_SESSIONS);
    private static final List<CacheMap<?, ?>> NEAR_CACHEABLE =
            List.of(USERS, GUILDS, MEMBERS, CHANNELS, THREADS, MESSAGES, PRESENCES);

    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final Function<V, K> keyOf;

    private CacheMap(String name, Class<K> keyType, Class<V> valueType, Function<V, K> keyOf) {
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keyOf = keyOf;
    }

    /** Every entity map, in a fixed order. */
    public static List<CacheMap<?, ?>> all() {
        return ALL;
    }

    /** The maps bots read by key, which near caches can hold and members publish invalidation streams of. */
    public static List<CacheMap<?, ?>> nearCacheable() {
        return NEAR_CACHEABLE;
    }

    /**
     * The entity map of this name.
     *
     * @throws IllegalArgumentException when no entity map has it
     */
    public static CacheMap<?, ?> named(String name) {
        return ALL.stream().filter(map -> map.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No entity map is named '" + name + "'; the maps are " + ALL));
    }

    /** The IMap's name, which is also the PostgreSQL table's name. */
    public String name() {
        return name;
    }

    public Class<K> keyType() {
        return keyType;
    }

    public Class<V> valueType() {
        return valueType;
    }

    /**
     * The key this value is cached under, so that code holding only a value (a write, a patch) need not know
     * how each entity derives its key.
     */
    public K keyOf(V value) {
        return keyOf.apply(Objects.requireNonNull(value, "value is null"));
    }

    @Override
    public String toString() {
        return name;
    }
}
