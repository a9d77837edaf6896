package discordcache.client;

/**
 * What one near cache has done since it was created.
 *
 * @param hits           reads answered locally
 * @param misses         reads that went to the cluster (including all reads while the cache distrusted itself)
 * @param evictions      entries dropped for size or age
 * @param invalidations  entries dropped because the cluster reported a change
 * @param partitionDrops times a partition's entries were dropped because some of its invalidations may have been
 *                       missed (a gap in its sequence, a new partition UUID, its member gone)
 * @param size           the estimated number of entries held now
 */
public record NearCacheStats(long hits, long misses, long evictions, long invalidations, long partitionDrops,
                             long size) {
}
