/**
 * Test support, for this project's tests and for users who test against a real cache: a PostgreSQL found once per
 * JVM ({@link discordcache.testing.TestPostgres}), in-process cache nodes on free ports
 * ({@link discordcache.testing.TestNodes}), clients for them ({@link discordcache.testing.TestClients}), generated
 * entities and datasets, and a TCP proxy that cuts connections on demand.
 */
package discordcache.testing;
