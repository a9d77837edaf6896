package discordcache.examples;

import discordcache.client.CacheGateway;
import discordcache.client.Change;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.client.GuildPayload;
import discordcache.client.MemberCount;
import discordcache.ingest.GatewayIngester;
import discordcache.ingest.IngestResult;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.MemberField;
import discordcache.model.Message;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.Role;
import discordcache.model.ShardSession;
import discordcache.model.Snowflakes;
import discordcache.model.ThreadChannel;
import discordcache.model.User;
import discordcache.model.WriteCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The README's Java snippets, as code that compiles and runs: each region between {@code readme:start} and
 * {@code readme:end} is quoted in the README verbatim, which {@link ReadmeExamplesTest} checks after running it.
 */
final class ReadmeExamples {
    private static final Logger log = LoggerFactory.getLogger(ReadmeExamples.class);

    /** What the reading example saw, for the test to check. */
    record Read(Member member, Optional<Role> role, List<Member> members, List<Channel> channels,
                List<ThreadChannel> threads, List<Message> latest, MemberCount count) {
    }

    private ReadmeExamples() {
    }

    static Read readFromABot(String clusterName, String address, long guildId, long userId, long roleId,
                             long channelId, long parentChannelId, long messageId) {
        // readme:start reading
        DiscordCacheConfig config = DiscordCacheConfig.builder()
                .clusterName(clusterName)                   // as the nodes have it (DCACHE_CLUSTER_NAME)
                .addresses(address)                         // one or more nodes, e.g. "127.0.0.1:5701"
                .nearCache(CacheMap.MEMBERS, 500_000, Duration.ofMinutes(5))   // per entity; default 100,000, 5 min
                .build();
        try (DiscordCache cache = DiscordCache.connect(config)) {
            Member member = cache.member(guildId, userId);              // null when the cluster has none
            Optional<Role> role = cache.role(guildId, roleId);
            cache.messageAsync(channelId, messageId).thenAccept(message -> log.info("read {}", message));

            List<Member> members = cache.members(guildId);              // every query has an ...Async twin
            List<Channel> channels = cache.channels(guildId);
            List<ThreadChannel> threads = cache.threads(guildId, parentChannelId);
            List<Message> latest = cache.newestMessages(channelId, 50);  // newest first
            MemberCount count = cache.memberCount(guildId);             // cached, reported by Discord, complete?
            log.info("near caches: {}", cache.admin().nearCacheStats()); // hits, misses, invalidations, size, …
            // readme:end
            return new Read(member, role, members, channels, threads, latest, count);
        }
    }

    static Member writeFromAGateway(DiscordCache cache, long guildId, long userId, long roleId, long channelId,
                                    Guild guild, List<User> users, List<Member> members, List<Presence> presences,
                                    List<Channel> channels, List<ThreadChannel> threads) {
        // readme:start writing
        cache.upsert(CacheMap.GUILDS, guild);                       // set(), with a new version stamped
        int written = cache.upsertAll(CacheMap.USERS, users);       // how many differed from the cache; async twins
        CacheGateway gateway = cache.gateway();                     // what a gateway writes besides a bot's
        WriteCounts counts = gateway.writeGuild(GuildPayload.builder(guildId)
                .guild(guild).users(users).members(members).presences(presences).channels(channels)
                .threads(threads)
                .wholeState(true)                                   // a whole GUILD_CREATE: sweeps what it no
                .wholeMemberList(true)                              // longer lists, members too
                .build());
        log.info("{} members written", counts.written(CacheMap.MEMBERS)); // 0 when nothing changed
        cache.delete(CacheMap.CHANNELS, channelId);                 // gateway.removeGuild(guildId): all of a guild
        // A partial update: only the fields named are merged, atomically on the entry's partition.
        // A field named with a null value is cleared; a field not named keeps its value.
        Snowflakes roles = Snowflakes.of(roleId);                   // role ids, sorted and distinct
        Member before = cache.update(CacheMap.MEMBERS,
                        Patch.of(new Member(guildId, userId, "new nick", null, null, roles, null, null,
                                false, false, false, 0, null, 0), MemberField.NICK, MemberField.ROLES))
                .insertWhenAbsent()      // else an update of an uncached member does nothing
                .returningPrevious()     // else apply() returns null
                .apply();
        // readme:end
        log.info("{} users written", written);
        return before;
    }

    static ShardSession ingestGatewayEvents(String clusterName, String address, String payloadText) {
        // readme:start ingesting
        DiscordCacheConfig config = DiscordCacheConfig.builder()
                .clusterName(clusterName).addresses(address)
                .withoutNearCaches()      // a gateway writes and reads little back: no near caches, no invalidations
                .build();
        try (DiscordCache cache = DiscordCache.connect(config)) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            // on shard 3 of 16, for every {"op","d","s","t"} payload as received (or ingest(eventName, dJson, 3, 16)):
            IngestResult result = ingester.ingest(payloadText, 3, 16);
            for (Change<?> change : result.changes()) {                 // message edits and deletes, member updates
                log.info("{} {}: {} -> {}", change.map(), change.key(), change.previous(), change.current());
            }
            ShardSession session = cache.gateway().shardSession(3);     // after a gateway restart: RESUME with it
            // readme:end
            return session;
        }
    }
}
