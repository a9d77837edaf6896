/**
 * Internal: code a client sends to the cache nodes and the nodes run where the data lives, on the partition that
 * holds it. The guild and channel indexes, the guild-scoped queries, the bulk writes that compare with memory, the
 * entry processors of partial updates and deletes, the removals and role strips, and the SPI the node implements
 * for them ({@link discordcache.wire.onnode.PersistedIds}: the ids only PostgreSQL still lists).
 *
 * <p>Not an API: bots and gateways reach all of it through {@code discordcache.client.DiscordCache}, and the types
 * may change in any release. Their Compact type names are part of the wire contract
 * ({@link discordcache.wire.CacheSerialization}) and never change.
 */
package discordcache.wire.onnode;
