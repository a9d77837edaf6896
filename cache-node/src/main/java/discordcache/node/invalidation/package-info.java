/**
 * The invalidation stream a node publishes for the clients' near caches: batched changes with their partition
 * sequences, and the ticks that let a client find what it missed. The format is
 * {@link discordcache.wire.InvalidationMessage}.
 */
package discordcache.node.invalidation;
