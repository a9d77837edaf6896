/**
 * The {@code cache-cli} command-line tool: {@link discordcache.cli.CacheCli} and its subcommands, which replay
 * recorded gateway payloads through {@link discordcache.ingest.GatewayIngester} and read what the cache holds
 * through {@link discordcache.client.DiscordCache}.
 */
package discordcache.cli;
