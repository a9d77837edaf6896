package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.model.ShardSession;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ingester knows of the gateway sessions: each shard's session id and the bot's own user id (which
 * reactions compare against), from its READY, or from the cache after a gateway restart that resumed. The cache is
 * asked once per shard.
 */
final class Sessions {
    private record Session(String sessionId, long userId) {
    }

    private final DiscordCache cache;
    /** Per shard; empty when the cache has no session of it (a shard that never had a READY). */
    private final Map<Integer, Optional<Session>> sessions = new ConcurrentHashMap<>();
    /** The bot's user id from any shard's READY: every shard of a bot has the same. */
    private volatile long selfUserId;

    Sessions(DiscordCache cache) {
        this.cache = cache;
    }

    void started(int shardId, String sessionId, long userId) {
        sessions.put(shardId, Optional.of(new Session(sessionId, userId)));
        selfUserId = userId;
    }

    boolean isSelf(int shardId, long userId) {
        long self = selfUserId != 0 ? selfUserId : session(shardId).map(Session::userId).orElse(0L);
        return userId == self;
    }

    /** The shard's session id; null when it never had a READY the cache knows of. */
    String sessionId(int shardId) {
        return session(shardId).map(Session::sessionId).orElse(null);
    }

    private Optional<Session> session(int shardId) {
        return sessions.computeIfAbsent(shardId, shard -> Optional.ofNullable(cache.gateway().shardSession(shard))
                .map(stored -> new Session(stored.sessionId(), stored.userId())));
    }
}
