/**
 * A node's settings, read from {@code DCACHE_} environment variables and checked before anything starts
 * ({@link discordcache.node.config.NodeSettings}), and the Hazelcast configuration they make.
 */
package discordcache.node.config;
