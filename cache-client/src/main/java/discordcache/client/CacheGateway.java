package discordcache.client;

import com.hazelcast.core.HazelcastInstance;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ShardSession;
import discordcache.model.ThreadChannel;
import discordcache.model.WriteCounts;
import discordcache.wire.onnode.SessionSequence;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The writes a gateway makes besides a bot's: whole guild payloads, the removals Discord's delete events ask for,
 * and the shards' sessions. Get it from {@link DiscordCache#gateway()}; the {@code cache-ingest} module's
 * {@code GatewayIngester} calls these for raw gateway events. Failures are {@link CacheUnavailableException}s when
 * the cluster cannot be reached. Thread-safe.
 */
public final class CacheGateway {
    private final HazelcastInstance client;
    private final Writer writer;
    private final Queries queries;

    CacheGateway(HazelcastInstance client, Writer writer, Queries queries) {
        this.client = client;
        this.writer = writer;
        this.queries = queries;
    }

    /**
     * Writes one guild's payload (its GUILD_CREATE, for a gateway) in one task on the member that owns the guild's
     * partition, with a new version: the guild, its users, members, presences, channels and threads, each compared
     * with the cached value where it lives and written only when it differs. For a guild's whole state, what it no
     * longer lists is removed: presences, channels and threads with their messages, and members when
     * {@link GuildPayload#wholeMemberList()} says the list is complete; the guild is then no longer marked
     * unavailable.
     *
     * @return how many entities each map had written and removed
     */
    public WriteCounts writeGuild(GuildPayload payload) {
        return Completions.join(writeGuildAsync(payload));
    }

    public CompletionStage<WriteCounts> writeGuildAsync(GuildPayload payload) {
        Objects.requireNonNull(payload, "payload is null");
        return Completions.translated(() -> writer.writeGuild(payload.task()));
    }

    /**
     * Removes a guild and everything scoped to it, in one task on the member that owns the guild's partition: its
     * channels and threads with their messages, its members, presences and unavailable mark. Each map's deletes
     * reach PostgreSQL in set-based batches through write-behind.
     *
     * @return how many entries each map lost
     */
    public WriteCounts removeGuild(long guildId) {
        return Completions.join(removeGuildAsync(guildId));
    }

    public CompletionStage<WriteCounts> removeGuildAsync(long guildId) {
        return Completions.translated(() -> writer.removeGuild(guildId));
    }

    /** Removes a channel with its threads and the messages of both; answers the channel as it was. */
    public Change<Channel> removeChannel(long channelId) {
        return Completions.join(removeChannelAsync(channelId));
    }

    public CompletionStage<Change<Channel>> removeChannelAsync(long channelId) {
        return Completions.translated(() -> writer.removeChannel(channelId));
    }

    /** Removes a thread and its messages; answers the thread as it was. */
    public Change<ThreadChannel> removeThread(long threadId) {
        return Completions.join(removeThreadAsync(threadId));
    }

    public CompletionStage<Change<ThreadChannel>> removeThreadAsync(long threadId) {
        return Completions.translated(() -> writer.removeThread(threadId));
    }

    /**
     * Removes a deleted role from every member of the guild, on the member that owns the guild's partition: those
     * in memory, and, when the members map is bounded, those evicted to PostgreSQL, which are read back to be
     * changed. Discord sends no member updates when a role is deleted.
     */
    public void stripRole(long guildId, long roleId) {
        Completions.join(stripRoleAsync(guildId, roleId));
    }

    public CompletionStage<Void> stripRoleAsync(long guildId, long roleId) {
        return Completions.translated(() -> queries.stripRole(guildId, roleId).thenApply(evicted -> null));
    }

    /** The stored gateway session of a shard, to RESUME it; null when none was stored. */
    public ShardSession shardSession(int shardId) {
        return Completions.call(() -> client.<Integer, ShardSession>getMap(CacheMap.SHARD_SESSIONS.name())
                .get(shardId));
    }

    /**
     * Records that the dispatch with this sequence number was applied; the stored session only moves forward, and
     * only for the same session id.
     */
    public CompletionStage<Void> advanceSequenceAsync(int shardId, String sessionId, long sequence) {
        Objects.requireNonNull(sessionId, "sessionId is null");
        return Completions.translated(() -> client.<Integer, ShardSession>getMap(CacheMap.SHARD_SESSIONS.name())
                .submitToKey(shardId, new SessionSequence(sessionId, sequence)));
    }

    /**
     * The ids of every guild the cluster holds, available or marked unavailable: for a gateway's READY, to find the
     * guilds that were left while it was away. Asks every member.
     */
    public Set<Long> guildIds() {
        return Completions.call(() -> {
            Set<Long> ids = new HashSet<>(client.<Long, Object>getMap(CacheMap.GUILDS.name()).keySet());
            ids.addAll(client.<Long, Object>getMap(CacheMap.UNAVAILABLE_GUILDS.name()).keySet());
            return ids;
        });
    }
}
