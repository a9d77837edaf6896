package discordcache.node.store;

import com.hazelcast.map.MapLoader;
import discordcache.model.CacheMap;
import discordcache.model.Snowflakes;
import discordcache.query.GuildIndex;
import discordcache.query.PersistedIds;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a guild's {@link GuildIndex} from the channels and threads tables when it is not in memory (after a
 * full cluster restart, or the first time a guild is touched). The index has no store: it is derived from
 * those tables, and the write API keeps it current in memory.
 */
final class GuildIndexLoader implements MapLoader<Long, GuildIndex> {
    private final PersistedIds ids;

    GuildIndexLoader(PersistedIds ids) {
        this.ids = ids;
    }

    @Override
    public GuildIndex load(Long guildId) {
        long[] channels = ids.idsOfGuild(CacheMap.CHANNELS, guildId);
        long[] threads = ids.idsOfGuild(CacheMap.THREADS, guildId);
        if (channels.length == 0 && threads.length == 0) {
            return null;
        }
        Arrays.sort(channels);
        Arrays.sort(threads);
        return new GuildIndex(Snowflakes.of(channels), Snowflakes.of(threads));
    }

    @Override
    public Map<Long, GuildIndex> loadAll(Collection<Long> guildIds) {
        Map<Long, GuildIndex> loaded = new HashMap<>();
        for (Long guildId : guildIds) {
            GuildIndex index = load(guildId);
            if (index != null) {
                loaded.put(guildId, index);
            }
        }
        return loaded;
    }

    /** Nothing is loaded ahead: an index is rebuilt when its guild is first touched. */
    @Override
    public Iterable<Long> loadAllKeys() {
        return List.of();
    }
}
