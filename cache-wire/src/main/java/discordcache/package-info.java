/**
 * The cache's exception root, {@link discordcache.CacheException}. The modules and what runs where:
 * <ul>
 *   <li>{@code cache-wire}: what cache nodes and clients exchange, so both depend on it:
 *       {@link discordcache.model} (the entities and keys, the API's values), {@link discordcache.wire} (the
 *       wire contract: Compact type names, the invalidation stream's format) and {@code discordcache.wire.onnode}
 *       (the tasks clients send to nodes, which run them where the data lives; internal, not an API);</li>
 *   <li>{@code cache-client}: {@link discordcache.client}, what a bot or a gateway process runs;</li>
 *   <li>{@code cache-ingest}: {@code discordcache.ingest}, what a gateway process runs on top of the client to
 *       apply raw gateway events;</li>
 *   <li>{@code cache-node}: {@code discordcache.node}, the Hazelcast member with its PostgreSQL write-behind.</li>
 * </ul>
 */
package discordcache;
