package discordcache.client;

import discordcache.wire.CacheSerialization;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Emoji;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Patch;
import discordcache.model.UnavailableGuild;
import discordcache.model.Versioned;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.Role;
import discordcache.model.ThreadChannel;
import discordcache.model.User;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A bot's or gateway's connection to the cache cluster: typed reads through a near cache per entity.
 *
 * <pre>{@code
 * try (DiscordCache cache = DiscordCache.connect(DiscordCacheConfig.builder().build())) {
 *     Member member = cache.member(guildId, userId);
 *     cache.guildAsync(guildId).thenAccept(guild -> ...);
 * }
 * }</pre>
 *
 * <p>Reads return null when the cluster has no such entity. Near-cached values are immutable and shared; a
 * value is at most as stale as the invalidation of its change takes to arrive (see the README's near-cache
 * section). What a gateway writes besides a bot's is behind {@link #gateway()}; statistics and the Hazelcast client
 * underneath are behind {@link #admin()}. When the cluster cannot be reached, operations fail with a
 * {@link CacheUnavailableException}. Thread-safe.
 */
public final class DiscordCache implements AutoCloseable {
    /** The most messages {@link #newestMessages} returns at once. */
    public static final int MAX_MESSAGES = 1_000;

    private final HazelcastInstance client;
    private final NearCaches nearCaches;
    private final NearCache<Long, User> users;
    private final NearCache<Long, Guild> guilds;
    private final NearCache<MemberKey, Member> members;
    private final NearCache<Long, Channel> channels;
    private final NearCache<Long, ThreadChannel> threads;
    private final NearCache<MessageKey, Message> messages;
    private final NearCache<PresenceKey, Presence> presences;
    /** Runs the few Hazelcast calls that have no asynchronous form, for the asynchronous API. */
    private final ExecutorService blocking = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "discord-cache-blocking");
        thread.setDaemon(true);
        return thread;
    });
    private final Queries queries;
    private final Writer writer;
    private final CacheGateway gateway;
    private final CacheAdmin admin;

    private DiscordCache(HazelcastInstance client, DiscordCacheConfig config) {
        this.client = client;
        this.nearCaches = NearCaches.start(client, CacheMap.nearCacheable(), new NearCaches.Sizes() {
            @Override
            public long maximumSize(CacheMap<?, ?> map) {
                return config.nearCache(map).maximumSize();
            }

            @Override
            public Duration timeToLive(CacheMap<?, ?> map) {
                return config.nearCache(map).timeToLive();
            }
        }, config.invalidationGrace());
        this.users = nearCaches.of(CacheMap.USERS);
        this.guilds = nearCaches.of(CacheMap.GUILDS);
        this.members = nearCaches.of(CacheMap.MEMBERS);
        this.channels = nearCaches.of(CacheMap.CHANNELS);
        this.threads = nearCaches.of(CacheMap.THREADS);
        this.messages = nearCaches.of(CacheMap.MESSAGES);
        this.presences = nearCaches.of(CacheMap.PRESENCES);
        this.queries = new Queries(client, blocking);
        this.writer = new Writer(client, nearCaches::named, queries);
        this.gateway = new CacheGateway(client, writer, queries);
        this.admin = new CacheAdmin(client, nearCaches);
    }

    /**
     * Connects to the cluster and returns once connected.
     *
     * @throws CacheUnavailableException when no member answers within the connect timeout
     */
    public static DiscordCache connect(DiscordCacheConfig config) {
        ClientConfig clientConfig = new ClientConfig();
        clientConfig.setClusterName(config.clusterName());
        clientConfig.setProperty("hazelcast.logging.type", "slf4j");
        clientConfig.setProperty("hazelcast.phone.home.enabled", "false");
        clientConfig.getNetworkConfig().setAddresses(config.addresses());
        // Hazelcast's client metrics are for its Management Center; collecting them every 5 s took 5 % of the CPU
        // of bot processes that hold several clients.
        clientConfig.getMetricsConfig().setEnabled(false);
        // Connect in the background and wait here for at most the connect timeout; once connected, the client
        // keeps reconnecting for as long as it takes (a cluster restart must not end a bot's cache client).
        CountDownLatch connected = new CountDownLatch(1);
        clientConfig.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                connected.countDown();
            }
        }));
        clientConfig.getConnectionStrategyConfig()
                .setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON)
                .getConnectionRetryConfig().setMaxBackoffMillis(5_000);
        CacheSerialization.register(clientConfig.getSerializationConfig());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig);
        try {
            if (!connected.await(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                client.shutdown();
                throw new CacheUnavailableException("Cannot reach the cache cluster '" + config.clusterName()
                        + "' at " + config.addresses() + " within " + config.connectTimeout().toSeconds()
                        + " s; check that the cache nodes run, that the addresses and the cluster name match "
                        + "theirs, and that the network lets this process reach them", null);
            }
        } catch (InterruptedException e) {
            client.shutdown();
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("Interrupted while connecting to the cache cluster", e);
        }
        try {
            return new DiscordCache(client, config);
        } catch (RuntimeException e) {
            client.shutdown();
            throw new CacheUnavailableException("Connected to the cache cluster '" + config.clusterName()
                    + "', but could not set up the near caches: " + e.getMessage(), e);
        }
    }

    public User user(long userId) {
        return read(users, userId);
    }

    public CompletionStage<User> userAsync(long userId) {
        return Completions.translated(() -> users.getAsync(userId));
    }

    public Guild guild(long guildId) {
        return read(guilds, guildId);
    }

    public CompletionStage<Guild> guildAsync(long guildId) {
        return Completions.translated(() -> guilds.getAsync(guildId));
    }

    /** A role of a cached guild. */
    public Optional<Role> role(long guildId, long roleId) {
        return Optional.ofNullable(guild(guildId)).flatMap(guild -> guild.role(roleId));
    }

    /** A custom emoji of a cached guild. */
    public Optional<Emoji> emoji(long guildId, long emojiId) {
        return Optional.ofNullable(guild(guildId)).flatMap(guild -> guild.emoji(emojiId));
    }

    public Member member(long guildId, long userId) {
        return read(members, new MemberKey(guildId, userId));
    }

    public CompletionStage<Member> memberAsync(long guildId, long userId) {
        return Completions.translated(() -> members.getAsync(new MemberKey(guildId, userId)));
    }

    public Channel channel(long channelId) {
        return read(channels, channelId);
    }

    public CompletionStage<Channel> channelAsync(long channelId) {
        return Completions.translated(() -> channels.getAsync(channelId));
    }

    public ThreadChannel thread(long threadId) {
        return read(threads, threadId);
    }

    public CompletionStage<ThreadChannel> threadAsync(long threadId) {
        return Completions.translated(() -> threads.getAsync(threadId));
    }

    public Message message(long channelId, long messageId) {
        return read(messages, new MessageKey(channelId, messageId));
    }

    public CompletionStage<Message> messageAsync(long channelId, long messageId) {
        return Completions.translated(() -> messages.getAsync(new MessageKey(channelId, messageId)));
    }

    public Presence presence(long guildId, long userId) {
        return read(presences, new PresenceKey(guildId, userId));
    }

    public CompletionStage<Presence> presenceAsync(long guildId, long userId) {
        return Completions.translated(() -> presences.getAsync(new PresenceKey(guildId, userId)));
    }

    // ---- Queries: guild- and channel-scoped, run where the data lives, complete even when the cluster keeps only
    // part of a map in memory. Results are not near-cached.

    /** The guild's cached members, by user id. */
    public List<Member> members(long guildId) {
        return Completions.join(membersAsync(guildId));
    }

    public CompletionStage<List<Member>> membersAsync(long guildId) {
        return Completions.translated(() -> queries.members(guildId));
    }

    /** The guild's cached presences, by user id. */
    public List<Presence> presences(long guildId) {
        return Completions.join(presencesAsync(guildId));
    }

    public CompletionStage<List<Presence>> presencesAsync(long guildId) {
        return Completions.translated(() -> queries.presences(guildId));
    }

    /** The guild's cached channels, by id. */
    public List<Channel> channels(long guildId) {
        return Completions.join(channelsAsync(guildId));
    }

    public CompletionStage<List<Channel>> channelsAsync(long guildId) {
        return Completions.translated(() -> queries.channels(guildId, channels));
    }

    /** The guild's cached threads, by id. */
    public List<ThreadChannel> threads(long guildId) {
        return Completions.join(threadsAsync(guildId));
    }

    public CompletionStage<List<ThreadChannel>> threadsAsync(long guildId) {
        return Completions.translated(() -> queries.threads(guildId, threads, thread -> true));
    }

    /** The cached threads of one channel of the guild, by id. */
    public List<ThreadChannel> threads(long guildId, long parentChannelId) {
        return Completions.join(threadsAsync(guildId, parentChannelId));
    }

    public CompletionStage<List<ThreadChannel>> threadsAsync(long guildId, long parentChannelId) {
        return Completions.translated(
                () -> queries.threads(guildId, threads, thread -> thread.parentId() == parentChannelId));
    }

    /**
     * The channel's newest cached messages, newest first.
     *
     * @param limit how many at most, from 1 to {@value #MAX_MESSAGES}
     */
    public List<Message> newestMessages(long channelId, int limit) {
        return Completions.join(newestMessagesAsync(channelId, limit));
    }

    public CompletionStage<List<Message>> newestMessagesAsync(long channelId, int limit) {
        if (limit < 1 || limit > MAX_MESSAGES) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_MESSAGES + ", was " + limit);
        }
        return Completions.translated(() -> queries.newestMessages(channelId, limit));
    }

    /** The guilds Discord reported unavailable, by id. */
    public List<UnavailableGuild> unavailableGuilds() {
        return Completions.join(unavailableGuildsAsync());
    }

    public CompletionStage<List<UnavailableGuild>> unavailableGuildsAsync() {
        return Completions.translated(() -> queries.unavailableGuilds());
    }

    /** How many of the guild's members are cached, beside the count Discord reported. */
    public MemberCount memberCount(long guildId) {
        return Completions.join(memberCountAsync(guildId));
    }

    public CompletionStage<MemberCount> memberCountAsync(long guildId) {
        return Completions.translated(() -> queries.memberCount(guildId, guildAsync(guildId)));
    }

    // ---- Writes: each stamps a new version (see VersionClock); once one completes, this client reads it back.

    /**
     * Writes the value, replacing any cached one, with a new version. A value whose content equals the cached one
     * (all but the version) is not written: the cached value keeps its version, and nothing is written behind or
     * invalidated.
     */
    public <K, V extends Versioned<V>> void upsert(CacheMap<K, V> map, V value) {
        Completions.join(upsertAsync(map, value));
    }

    public <K, V extends Versioned<V>> CompletionStage<Void> upsertAsync(CacheMap<K, V> map, V value) {
        requireNonNull(map, "map");
        requireNonNull(value, "value");
        return Completions.translated(() -> writer.upsert(map, value));
    }

    /**
     * Writes the values with one new version, each compared on the member that holds it with the cached value: only
     * those whose content differs are written (see {@link #upsert}). A guild's members, presences, channels and
     * threads go to the owner of the guild's partition as one task, a channel's messages to the owner of the
     * channel's, and other values to any member, which writes them partition by partition. When two values have the
     * same key, the later one is written.
     *
     * @return how many values differed from the cached ones and were written
     */
    public <K, V extends Versioned<V>> int upsertAll(CacheMap<K, V> map, Collection<V> values) {
        return Completions.join(upsertAllAsync(map, values));
    }

    public <K, V extends Versioned<V>> CompletionStage<Integer> upsertAllAsync(CacheMap<K, V> map,
                                                                               Collection<V> values) {
        requireNonNull(map, "map");
        requireNonNull(values, "values");
        return Completions.translated(() -> writer.upsertAll(map, values));
    }

    /** Removes the entity from the cache and, through write-behind, from PostgreSQL. */
    public <K, V> void delete(CacheMap<K, V> map, K key) {
        Completions.join(deleteAsync(map, key));
    }

    public <K, V> CompletionStage<Void> deleteAsync(CacheMap<K, V> map, K key) {
        requireNonNull(map, "map");
        requireNonNull(key, "key");
        return Completions.translated(() -> writer.delete(map, key));
    }

    public <K, V> void deleteAll(CacheMap<K, V> map, Collection<K> keys) {
        Completions.join(deleteAllAsync(map, keys));
    }

    public <K, V> CompletionStage<Void> deleteAllAsync(CacheMap<K, V> map, Collection<K> keys) {
        requireNonNull(map, "map");
        requireNonNull(keys, "keys");
        return Completions.translated(() -> writer.deleteAll(map, keys));
    }

    /**
     * A partial update of the entity the patch's values belong to: the fields the patch names are merged into the
     * cached value atomically, the others are kept (a field set to null is cleared; a field not named is kept).
     */
    public <K, V extends Versioned<V>> Update<V> update(CacheMap<K, V> map, Patch<V> patch) {
        return new Update<>(writer, requireNonNull(map, "map"), requireNonNull(patch, "patch"));
    }

    /**
     * Deletes one entity and answers its value before, read back from PostgreSQL when it is not in memory (use
     * {@link #delete} when the previous value is not needed).
     */
    public <K, V> Change<V> deleteReturningPrevious(CacheMap<K, V> map, K key) {
        return Completions.join(deleteReturningPreviousAsync(map, key));
    }

    public <K, V> CompletionStage<Change<V>> deleteReturningPreviousAsync(CacheMap<K, V> map, K key) {
        requireNonNull(map, "map");
        requireNonNull(key, "key");
        return Completions.translated(() -> writer.deleteReturningPrevious(map, key));
    }

    /**
     * Replaces the cluster's value with {@code change} applied to it, by compare-and-set, retried until no other
     * write came in between; for changes that depend on the current value (a counter, an element of a list).
     * {@code change} must be free of side effects: it may run more than once. Nothing happens to an absent entity
     * or when {@code change} returns its argument. Blocks.
     */
    public <K, V extends Versioned<V>> Change<V> modify(CacheMap<K, V> map, K key, UnaryOperator<V> change) {
        requireNonNull(map, "map");
        requireNonNull(key, "key");
        requireNonNull(change, "change");
        return Completions.call(() -> writer.modify(map, key, change));
    }

    private static <T> T requireNonNull(T value, String name) {
        return Objects.requireNonNull(value, name + " is null");
    }

    /** The writes a gateway makes besides a bot's: guild payloads, removals, shard sessions. */
    public CacheGateway gateway() {
        return gateway;
    }

    /** The cluster's and this client's statistics, and the Hazelcast client underneath. */
    public CacheAdmin admin() {
        return admin;
    }

    private static <K, V> V read(NearCache<K, V> nearCache, K key) {
        return Completions.call(() -> nearCache.get(key));
    }

    @Override
    public void close() {
        blocking.shutdown();
        nearCaches.close();
        client.shutdown();
    }
}
