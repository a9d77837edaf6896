/** The node's PostgreSQL: its connection pool, the embedded server of the default setup, and the Flyway migrations. */
package discordcache.node.database;
