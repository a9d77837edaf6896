package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.model.ShardSession;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ingester knows of the gateway sessions: each shard's session id and the bot's own user id (which
 * reactions compare against), from its READY, or from the cache after a gateway restart that resumed.
 */
final class Sessions {
    private final DiscordCache cache;
    private final Map<Integer, String> sessionIds = new ConcurrentHashMap<>();
    private volatile long selfUserId;

    Sessions(DiscordCache cache) {
        this.cache = cache;
    }

    void started(int shardId, String sessionId) {
        sessionIds.put(shardId, sessionId);
    }

    void self(long userId) {
        selfUserId = userId;
    }

    boolean isSelf(int shardId, long userId) {
        if (selfUserId == 0) {
            ShardSession stored = cache.shardSession(shardId);
            if (stored != null) {
                selfUserId = stored.userId();
            }
        }
        return userId == selfUserId;
    }

    /** The shard's session id; null when it never had a READY the cache knows of. */
    String sessionId(int shardId) {
        return sessionIds.computeIfAbsent(shardId, shard -> {
            ShardSession stored = cache.shardSession(shard);
            return stored == null ? null : stored.sessionId();
        });
    }
}
