/**
 * What a bot or a gateway process runs: {@link discordcache.client.DiscordCache}, a connection to the cache cluster
 * with a Caffeine near cache per entity, typed reads, guild-scoped queries and versioned writes. Gateway writes are
 * behind {@link discordcache.client.DiscordCache#gateway()}, statistics and the Hazelcast client behind
 * {@link discordcache.client.DiscordCache#admin()}; every failure to reach the cluster is a
 * {@link discordcache.client.CacheUnavailableException}.
 *
 * <p>The near cache's engine (the cache per map, the invalidation feed, the trust in each partition) is
 * package-private: only what its statistics report is public.
 */
package discordcache.client;
