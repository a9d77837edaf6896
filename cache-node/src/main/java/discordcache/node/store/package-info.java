/**
 * Write-behind and loading: the map stores Hazelcast calls, one class per table with all of its SQL, the retry of
 * failed writes, the dead letters, the journal a stopping node spills to, and the initial load. Package-private but
 * for {@link discordcache.node.store.Persistence}, which the node starts.
 */
package discordcache.node.store;
