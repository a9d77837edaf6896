package discordcache.ingest;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static discordcache.ingest.GatewayJson.channel;
import static discordcache.ingest.GatewayJson.dispatch;
import static discordcache.ingest.GatewayJson.guildCreate;
import static discordcache.ingest.GatewayJson.member;
import static discordcache.ingest.GatewayJson.presence;
import static discordcache.ingest.GatewayJson.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway that re-identifies sends every guild again, mostly unchanged: a GUILD_CREATE equal to what the cache
 * holds writes nothing (no version changes, no row reaches PostgreSQL, no entry event is sent), one that differs in
 * one member writes that member alone, and one that lists fewer members removes the others. A guild of 3,000 members
 * is compared in several slices. On a node whose members map is bounded, the members the bound evicted are written
 * without being compared, and none is read back from PostgreSQL to compare it.
 */
class ReidentifyTest {
    private static final long GUILD = 81_384_788_765_712_384L;
    private static final int MEMBERS = 3_000;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "members bounded: {0}")
    @ValueSource(booleans = {false, true})
    void aGuildCreateThatChangesNothingWritesNothing(boolean bounded) throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        // 1,000 per node over 271 partitions: the guild's partition keeps a handful of its members.
        Map<String, String> settings = bounded ? Map.of("DCACHE_MEMBERS_MAX_PER_NODE", "1000") : Map.of();
        try (CacheNode node = CacheNode.start(nodes.settings(temp, settings));
             DiscordCache cache = DiscordCache.connect(gateway(node))) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            IngestResult first = ingester.ingest(dispatch("GUILD_CREATE", 1, guild("nick", MEMBERS)), 0, 1);
            assertEquals(MEMBERS, first.written().get(CacheMap.MEMBERS));
            assertEquals(MEMBERS, first.written().get(CacheMap.USERS));
            node.flush();
            long upserted = node.stats().rowsUpserted();
            long deleted = node.stats().rowsDeleted();
            long loaded = node.stats().rowsLoadedByKey();
            Map<Object, Long> versions = bounded ? Map.of() : versions(node);

            Events events = Events.on(node);
            // The members compared are those memory holds now: no other write runs until the comparison is over.
            int inMemory = node.hazelcast().getMap(CacheMap.MEMBERS.name()).size();
            IngestResult again = ingester.ingest(dispatch("GUILD_CREATE", 2, guild("nick", MEMBERS)), 0, 1);
            node.flush();
            long rewritten = MEMBERS - inMemory;
            assertEquals(bounded, rewritten > 0, inMemory + " members in memory");
            assertEquals(rewritten == 0 ? Map.of() : Map.of(CacheMap.MEMBERS, rewritten), again.written(),
                    "written again: nothing but the members the bound evicted");
            assertEquals(loaded, node.stats().rowsLoadedByKey(), "rows read from PostgreSQL to compare");
            assertEquals(rewritten, node.stats().rowsUpserted() - upserted, "rows written to PostgreSQL");
            assertEquals(deleted, node.stats().rowsDeleted(), "rows deleted in PostgreSQL");
            events.awaitQuiet(node);
            // (Hazelcast sends no event for some entries a bound evicts as soon as they are written.)
            assertTrue(events.count() <= rewritten, events.count() + " entry events of the second GUILD_CREATE");
            if (!bounded) {
                assertEquals(0, events.count(), "entry events of the second GUILD_CREATE");
                assertEquals(versions, versions(node), "every version is the one the first GUILD_CREATE wrote");
            }

            // One member changes its nick and 500 are gone: that member is written and those removed, nothing else.
            node.flush();
            long upsertedBefore = node.stats().rowsUpserted();
            long deletedBefore = node.stats().rowsDeleted();
            String changed = guild("nick", MEMBERS - 500).replaceFirst("\"nick\":null", "\"nick\":\"new nick\"");
            IngestResult third = ingester.ingest(dispatch("GUILD_CREATE", 3, changed), 0, 1);
            node.flush();
            if (!bounded) {
                // The guild too: its member count went down.
                assertEquals(Map.of(CacheMap.MEMBERS, 1L, CacheMap.GUILDS, 1L), third.written());
                assertEquals(2, node.stats().rowsUpserted() - upsertedBefore, "rows written to PostgreSQL");
            }
            assertEquals(500L, third.removed().get(CacheMap.MEMBERS));
            assertEquals(500, node.stats().rowsDeleted() - deletedBefore, "member rows deleted");
            assertEquals(MEMBERS - 500, cache.members(GUILD).size());
            assertEquals("new nick", cache.member(GUILD, userId(0)).nick());
        }
    }

    private static DiscordCacheConfig gateway(CacheNode node) {
        return DiscordCacheConfig.builder()
                .clusterName(node.settings().clusterName())
                .addresses(node.settings().members().toArray(String[]::new))
                .withoutNearCaches()
                .build();
    }

    /** A GUILD_CREATE listing its first {@code members} members (of 3,000), 50 presences, channels and a thread. */
    private static String guild(String name, int members) {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            listed.add(member(userId(i), "user" + i, GUILD + 1));
        }
        List<String> presences = LongStream.range(0, 50).mapToObj(i -> presence(userId((int) i), "online")).toList();
        return guildCreate(GUILD, name, members, true, listed,
                List.of(channel(GUILD + 10, "general", 0), channel(GUILD + 11, "off-topic", 1)),
                List.of(thread(GUILD + 20, GUILD + 10, "a thread")), presences);
    }

    private static long userId(int i) {
        return 90_000_000_000_000_000L + i;
    }

    /** The version of the guild, of every member and of every user, by key. */
    private static Map<Object, Long> versions(CacheNode node) {
        Map<Object, Long> versions = new HashMap<>();
        Set<MemberKey> memberKeys = LongStream.range(0, MEMBERS).mapToObj(i -> new MemberKey(GUILD, userId((int) i)))
                .collect(Collectors.toSet());
        IMap<MemberKey, Member> members = node.hazelcast().getMap(CacheMap.MEMBERS.name());
        members.getAll(memberKeys).forEach((key, member) -> versions.put(key, member.version()));
        IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
        users.getAll(memberKeys.stream().map(MemberKey::userId).collect(Collectors.toSet()))
                .forEach((id, user) -> versions.put("user " + id, user.version()));
        Guild guild = node.hazelcast().<Long, Guild>getMap(CacheMap.GUILDS.name()).get(GUILD);
        versions.put("guild", guild.version());
        return versions;
    }

    /** Counts the entry events of the members map; a marker member tells when those before it have arrived. */
    private static final class Events implements EntryAddedListener<MemberKey, Member>,
            EntryUpdatedListener<MemberKey, Member>, EntryRemovedListener<MemberKey, Member>,
            EntryMergedListener<MemberKey, Member> {
        private static final MemberKey MARKER = new MemberKey(GUILD, 1);
        private volatile int count;
        private volatile boolean markerSeen;

        static Events on(CacheNode node) {
            Events events = new Events();
            node.hazelcast().<MemberKey, Member>getMap(CacheMap.MEMBERS.name()).addEntryListener(events, false);
            return events;
        }

        private synchronized void on(EntryEvent<MemberKey, Member> event) {
            if (event.getKey().equals(MARKER)) {
                markerSeen = true;
            } else {
                count++;
            }
        }

        @Override
        public void entryAdded(EntryEvent<MemberKey, Member> event) {
            on(event);
        }

        @Override
        public void entryUpdated(EntryEvent<MemberKey, Member> event) {
            on(event);
        }

        @Override
        public void entryRemoved(EntryEvent<MemberKey, Member> event) {
            on(event);
        }

        @Override
        public void entryMerged(EntryEvent<MemberKey, Member> event) {
            on(event);
        }

        /**
         * Writes the marker, in the guild's partition, and waits for its event: the members' events are dispatched
         * in order per partition, so every earlier one has arrived.
         */
        void awaitQuiet(CacheNode node) throws InterruptedException {
            markerSeen = false;
            IMap<MemberKey, Member> members = node.hazelcast().getMap(CacheMap.MEMBERS.name());
            members.set(MARKER, new Member(GUILD, 1, "marker " + System.nanoTime(), null, null, null, null, null,
                    false, false, false, 0, null, 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!markerSeen && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(markerSeen, "the marker's event arrived");
            members.delete(MARKER);
        }

        synchronized int count() {
            return count;
        }

    }
}
