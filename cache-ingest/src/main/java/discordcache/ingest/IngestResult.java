package discordcache.ingest;

import discordcache.client.Change;
import discordcache.model.CacheMap;

import java.util.List;
import java.util.Map;

/**
 * What one gateway event did to the cache.
 *
 * @param event   the event name
 * @param ignored whether the cache does not keep what this event is about (then nothing changed)
 * @param changes the entities the event touched one by one, each with its value before and after (edits, deletes,
 *                member updates); entities written or removed in bulk are only counted
 * @param written how many entities bulk writes stored, by map (GUILD_CREATE's members, …)
 * @param removed how many entities bulk removals deleted, by map (a removed guild's members, …)
 */
public record IngestResult(String event, boolean ignored, List<Change<?>> changes,
                           Map<CacheMap<?, ?>, Long> written, Map<CacheMap<?, ?>, Long> removed) {
    public IngestResult {
        changes = List.copyOf(changes);
        written = Map.copyOf(written);
        removed = Map.copyOf(removed);
    }

    static IngestResult ignored(String event) {
        return new IngestResult(event, true, List.of(), Map.of(), Map.of());
    }
}
