package discordcache.bench;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.map.IMap;
import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap bytes per member held by a cache node (one copy: a single member, so no backups), for a typical member (3
 * roles, no nick, guilds of 10,000), measured as the heap growth after a full GC, beside Hazelcast's own estimate and the
 * serialized sizes of key and value. Written through the cache ({@code upsertAll}, as a gateway writes them), the
 * growth includes the guild index; written straight into the map ({@code map}), it is the entries alone.
 *
 * <pre>bench/run.sh HeapBench [members] [cache|map]</pre>
 */
public final class HeapBench {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        boolean throughCache = args.length < 2 || args[1].equals("cache");
        List<Member> members = PersistenceBench.typicalMembers(count);
        int port = NodeProcess.freePort();
        Map<String, String> env = BenchEnvironment.singleNode("heap", port);
        try (CacheNode node = CacheNode.start(NodeSettings.from(env));
             DiscordCache cache = DiscordCache.connect(Bench.gateway(env.get("DCACHE_CLUSTER_NAME"), port))) {
            IMap<MemberKey, Member> map = node.hazelcast().getMap(CacheMap.MEMBERS.name());
            long before = usedHeapAfterGc();
            Map<String, long[]> histogramBefore = classHistogram();
            Map<MemberKey, Member> batch = new HashMap<>();
            for (Member member : members) {
                batch.put(member.key(), member);
                if (batch.size() == PersistenceBench.GUILD_SIZE) {
                    write(throughCache, cache, map, batch);
                    batch.clear();
                }
            }
            write(throughCache, cache, map, batch);
            node.flush();
            long after = usedHeapAfterGc();
            long owned = map.getLocalMapStats().getOwnedEntryMemoryCost();
            Map<String, long[]> histogramAfter = classHistogram();

            SerializationService serialization =
                    ((SerializationServiceSupport) node.hazelcast()).getSerializationService();
            Member sample = members.get(count / 2);
            Data key = serialization.toData(sample.key());
            Data value = serialization.toData(sample);
            double measured = (after - before) / (double) count;
            System.out.println("RESULTS");
            System.out.printf("members: %,d typical (3 roles, no nick), one copy, written %s%n", count,
                    throughCache ? "through the cache (guild index included)" : "straight into the map");
            System.out.printf("heap growth after full GC: %.0f bytes per entry%n", measured);
            System.out.printf("Hazelcast's owned-entry memory cost: %.0f bytes per entry%n", owned / (double) count);
            System.out.printf("serialized key: %d bytes (HeapData of %d payload bytes); serialized value: %d bytes%n",
                    key.totalSize(), key.dataSize(), value.totalSize());
            System.out.printf("Data objects: key %d + value %d bytes of byte[] with headers (16 B array header + 16 B"
                            + " HeapData object, each)%n", align(key.totalSize() + 16) + 16,
                    align(value.totalSize() + 16) + 16);
            System.out.println("heap growth by class, bytes per entry (instances per entry):");
            histogramAfter.entrySet().stream()
                    .map(e -> {
                        long[] was = histogramBefore.getOrDefault(e.getKey(), new long[2]);
                        return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                    })
                    .filter(e -> e.getValue()[1] > count / 100)
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .limit(12)
                    .forEach(e -> System.out.printf("  %6.1f B  (%.2f)  %s%n", e.getValue()[1] / (double) count,
                            e.getValue()[0] / (double) count, e.getKey()));
        }
        System.exit(0);
    }

    private static void write(boolean throughCache, DiscordCache cache, IMap<MemberKey, Member> map,
                              Map<MemberKey, Member> batch) {
        if (throughCache) {
            cache.upsertAll(CacheMap.MEMBERS, batch.values());
        } else {
            map.setAll(batch);
        }
    }

    private static long align(long bytes) {
        return (bytes + 7) / 8 * 8;
    }

    /** Instances and bytes per class of the live heap, from the JVM's own class histogram (forces a full GC). */
    private static Map<String, long[]> classHistogram() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                classes.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            }
        }
        return classes;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
