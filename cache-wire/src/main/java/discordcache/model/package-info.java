/**
 * The cached Discord entities: small immutable records, their keys, and the Compact serializers that put
 * them on the wire and in the cluster.
 *
 * <p>Every record carries a {@code version}. The writer stamps a newer version on every change; the cache
 * node persists a change only over an older version, so PostgreSQL always ends with the newest value even
 * when writes are retried, replayed or reordered.
 *
 * <p>Each type is serialized with an explicit Compact serializer under a stable type name
 * ({@code discord.User}, {@code discord.Member}, …) listed in {@link discordcache.model.ModelSerialization},
 * so Hazelcast clients in other languages can read the entries with serializers of their own.
 */
package discordcache.model;
