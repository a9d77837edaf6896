/**
 * What a cache node runs: {@link discordcache.node.CacheNode}, a Hazelcast member whose maps are written behind to
 * PostgreSQL and loaded back at start, and {@link discordcache.node.CacheNodeMain}, its command line. Its parts:
 * {@link discordcache.node.config} (settings and the Hazelcast configuration they make),
 * {@link discordcache.node.database} (the connection pool, the embedded PostgreSQL, migrations),
 * {@link discordcache.node.store} (the map stores and the SQL, one class per table) and
 * {@link discordcache.node.invalidation} (the near caches' invalidation stream).
 */
package discordcache.node;
