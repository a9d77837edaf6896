package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.ingest.Events.Action;
import discordcache.ingest.Events.Shard;
import discordcache.model.CacheMap;
import discordcache.model.Guild;
import discordcache.model.ShardSession;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** READY: a shard's new gateway session, which also says which guilds the shard still has. */
final class SessionEvents {
    private final DiscordCache cache;
    private final Sessions sessions;
    private final Writes writes;

    SessionEvents(DiscordCache cache, Sessions sessions, Writes writes) {
        this.cache = cache;
        this.sessions = sessions;
        this.writes = writes;
    }

    Action ready(JsonCursor d, Shard shard) {
        var ready = new Object() {
            Parsed<User> user;
            String sessionId;
            String resumeUrl;
            final Set<Long> guildIds = new HashSet<>();
        };
        d.object(name -> {
            switch (name) {
                case "user" -> ready.user = EntityJson.user(d);
                case "session_id" -> ready.sessionId = d.requiredString();
                case "resume_gateway_url" -> ready.resumeUrl = d.string();
                case "guilds" -> d.array(index -> ready.guildIds.add(guildId(d)));
                default -> d.skip();
            }
        });
        EntityJson.require(d, ready.user, "user");
        EntityJson.require(d, ready.sessionId, "session_id");
        return outcome -> {
            sessions.started(shard.id(), ready.sessionId, ready.user.value().id());
            cache.upsert(CacheMap.SHARD_SESSIONS, new ShardSession(shard.id(), shard.count(), ready.sessionId,
                    ready.resumeUrl, ready.user.value().id(), 0, 0));
            writes.upsertUsers(List.of(ready.user), outcome);
            // Until their GUILD_CREATE arrives, the shard's guilds are unavailable; their cached data stays.
            writes.upsertAll(CacheMap.UNAVAILABLE_GUILDS, ready.guildIds.stream()
                    .map(id -> new UnavailableGuild(id, 0)).toList(), outcome);
            // A guild of this shard that READY does not list was left while the gateway was away.
            for (long guildId : cache.gateway().guildIds()) {
                if (shard.owns(guildId) && !ready.guildIds.contains(guildId)) {
                    outcome.counted(cache.gateway().removeGuild(guildId));
                }
            }
        };
    }

    private static long guildId(JsonCursor d) {
        Long[] id = new Long[1];
        d.object(name -> {
            if (name.equals("id")) {
                id[0] = d.snowflake();
            } else {
                d.skip();
            }
        });
        return EntityJson.require(d, id[0], "id");
    }
}
