package discordcache.client;

import discordcache.model.CacheMap;

/**
 * What one write did to one entity: its value before and after. A bot can log edits and deletes from it.
 *
 * @param map      the entity's map
 * @param key      the entity's key
 * @param previous the value before the write, or null when there was none
 * @param current  the value after the write, or null when it was deleted or never existed; its version is the one
 *                 the cluster stamped
 * @param <V>      the entity type
 */
public record Change<V>(CacheMap<?, V> map, Object key, V previous, V current) {
    /** Whether the write changed anything (an update of an absent entity, for one, does not). */
    public boolean changed() {
        return previous != current;
    }
}
