package discordcache.bench;

import discordcache.client.ClusterStats;
import discordcache.client.DiscordCache;
import discordcache.ingest.GatewayIngester;
import discordcache.model.CacheMap;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Whether a guild's work costs the size of the guild, whatever else the cache holds: one node grown by GUILD_CREATEs
 * of a realistic size mix ({@link GuildPayloads}: most guilds small, a few of 10,000 members or more, users shared
 * between guilds) from about 100,000 members to 10 million, measured at each size:
 * <ul>
 *   <li>ingestion: GUILD_CREATEs of new guilds from the mix, members per second (three probes of 300 guilds);</li>
 *   <li>queries: p50/p99 of {@code members()} and {@code channels()} of small cached guilds (up to 100 members);</li>
 *   <li>the sweep: p50/p99 of a small cached guild's GUILD_CREATE sent again unchanged, which compares the guild
 *       with memory and sweeps what it no longer lists;</li>
 *   <li>heap: the node's used heap after a full GC, per member and per entity.</li>
 * </ul>
 * The node runs in a JVM of its own (heap DCACHE_BENCH_NODE_HEAP, default 12g); write-behind has drained before each
 * measurement.
 *
 * <pre>bench/run.sh ScaleBench [sizes, default 100000,1000000,3000000,10000000] [gateway threads]</pre>
 */
public final class ScaleBench {
    private static final int PROBE_GUILDS = 600;
    private static final int QUERIES = 2_000;
    private static final int SMALL = 100;

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100000,1000000,3000000,10000000").split(","))
                .mapToLong(size -> Long.parseLong(size.strip())).toArray();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long largest = sizes[sizes.length - 1];
        int port = NodeProcess.freePort();
        Map<String, String> env = BenchEnvironment.singleNode("scale", port);
        List<String> lines = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start("scale-node", env,
                System.getenv().getOrDefault("DCACHE_BENCH_NODE_HEAP", "12g"));
             DiscordCache cache = DiscordCache.connect(Bench.gateway(env.get("DCACHE_CLUSTER_NAME"), port))) {
            lines.add("node JVM options: " + String.join(" ", node.options()));
            GatewayIngester ingester = GatewayIngester.create(cache);
            // Users shared between guilds: about 0.6 of the member records, as in a large bot.
            GuildPayloads payloads = new GuildPayloads(31, 1, Math.max(100_000, largest * 6 / 10), 25_000);
            long emptyHeap = node.usedHeapAfterGc();
            List<GuildPayloads.Guild> small = new ArrayList<>();
            long members = 0;
            // Warm-up (JIT of both JVMs) on what the first size counts too: ingestion, queries and sweeps.
            List<GuildPayloads.Guild> warmUp = new ArrayList<>();
            while (members < sizes[0] / 2) {
                GuildPayloads.Guild guild = payloads.next();
                members += guild.members();
                warmUp.add(guild);
                if (guild.members() <= SMALL) {
                    small.add(guild);
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                Bench.timed(warmUp, threads, g -> ingester.ingest(g.payload(), 0, 1));
                Random random = new Random(pass);
                latencies(QUERIES, () -> cache.members(pick(small, random).id()));
                latencies(QUERIES, () -> cache.channels(pick(small, random).id()));
            }
            Bench.awaitWriteBehind(cache);
            Level first = null;
            for (long size : sizes) {
                long started = System.nanoTime();
                long before = members;
                List<GuildPayloads.Guild> batch = new ArrayList<>();
                while (members < size) {
                    GuildPayloads.Guild guild = payloads.next();
                    members += guild.members();
                    batch.add(guild);
                    if (guild.members() <= SMALL && small.size() < 20_000) {
                        small.add(guild);
                    }
                    if (batch.size() == 2_000 || members >= size) {
                        Bench.timed(batch, threads, g -> ingester.ingest(g.payload(), 0, 1));
                        batch.clear();
                    }
                }
                double growth = (members - before) / ((System.nanoTime() - started) / 1e9);
                Bench.awaitWriteBehind(cache);

                List<Double> ingestion = new ArrayList<>();
                for (int probe = 0; probe < 3; probe++) {
                    List<GuildPayloads.Guild> guilds = new ArrayList<>();
                    for (int g = 0; g < PROBE_GUILDS; g++) {
                        guilds.add(payloads.next());
                    }
                    long probeMembers = guilds.stream().mapToLong(GuildPayloads.Guild::members).sum();
                    members += probeMembers;
                    ingestion.add(probeMembers / Bench.timed(guilds, threads,
                            g -> ingester.ingest(g.payload(), 0, 1)));
                    Bench.awaitWriteBehind(cache);
                }
                Random random = new Random(size);
                Histogram membersQuery = latencies(QUERIES, () -> cache.members(pick(small, random).id()));
                Histogram channelsQuery = latencies(QUERIES, () -> cache.channels(pick(small, random).id()));
                Histogram sweep = latencies(PROBE_GUILDS, () -> ingester.ingest(pick(small, random).payload(), 0, 1));
                Bench.awaitWriteBehind(cache);
                ClusterStats stats = cache.admin().clusterStats();
                long entities = stats.maps().values().stream().mapToLong(ClusterStats.MapStats::entries).sum();
                long cachedMembers = stats.map(CacheMap.MEMBERS).entries();
                long heap = node.usedHeapAfterGc() - emptyHeap;
                Level level = new Level(cachedMembers, median(ingestion), membersQuery.getValueAtPercentile(50),
                        channelsQuery.getValueAtPercentile(50));
                first = first == null ? level : first;
                String line = String.format("%,d members (%,d entities: %s): growth %,.0f members/s; ingestion "
                                + "%s members/s (median %,.0f, %.2f of the first size); members() p50 %d µs p99 %d µs "
                                + "(p50 %.2f of the first size); channels() p50 %d µs p99 %d µs (p50 %.2f); "
                                + "GUILD_CREATE again (compare and sweep) p50 %d µs p99 %d µs; heap %,.0f B per member, "
                                + "%,.0f B per entity", cachedMembers, entities, counts(stats), growth,
                        Bench.spread(ingestion, "%,.0f"), level.ingestion, level.ingestion / first.ingestion,
                        membersQuery.getValueAtPercentile(50), membersQuery.getValueAtPercentile(99),
                        level.membersP50 / (double) first.membersP50, channelsQuery.getValueAtPercentile(50),
                        channelsQuery.getValueAtPercentile(99), level.channelsP50 / (double) first.channelsP50,
                        sweep.getValueAtPercentile(50), sweep.getValueAtPercentile(99), heap / (double) cachedMembers,
                        heap / (double) entities);
                System.out.println(line);
                lines.add(line);
            }
        }
        Bench.printResultsAndExit(lines);
    }

    private record Level(long members, double ingestion, long membersP50, long channelsP50) {
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Histogram latencies(int count, Call call) throws Exception {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.run();
            histogram.recordValue((System.nanoTime() - start) / 1_000);
        }
        return histogram;
    }

    private static GuildPayloads.Guild pick(List<GuildPayloads.Guild> guilds, Random random) {
        return guilds.get(random.nextInt(guilds.size()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String counts(ClusterStats stats) {
        StringBuilder text = new StringBuilder();
        stats.maps().forEach((map, entry) -> {
            if (entry.entries() > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(map).append(' ').append(String.format("%,d",
                        entry.entries()));
            }
        });
        return text.toString();
    }
}
