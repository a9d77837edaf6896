/**
 * The wire contract between cache nodes and clients, in any language: {@link discordcache.wire.CacheSerialization}
 * registers every Compact serializer under a type name that never changes, and
 * {@link discordcache.wire.InvalidationMessage} is the byte format of the near caches' invalidation stream.
 *
 * <p>Public because the node and the client both use it; a bot never needs it, except to read the maps from a plain
 * Hazelcast client (see the README). A change here is a change of the protocol: the golden tests in this module pin
 * every type name and field.
 */
package discordcache.wire;
