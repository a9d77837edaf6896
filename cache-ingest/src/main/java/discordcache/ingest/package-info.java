/**
 * What a gateway process runs: {@link discordcache.ingest.GatewayIngester} applies raw Discord gateway payloads to
 * the cache with Discord's semantics (the README's ingestion section lists them event by event), on the public API
 * of {@code cache-client}. A payload the ingester cannot use is refused with an
 * {@link discordcache.ingest.IngestException} before anything is written. The parser and the per-event handlers are
 * package-private.
 */
package discordcache.ingest;
