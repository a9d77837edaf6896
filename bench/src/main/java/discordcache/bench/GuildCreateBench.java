package discordcache.bench;

import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.ingest.GatewayIngester;
import discordcache.model.CacheMap;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GUILD_CREATE ingestion: members per second from the raw JSON text to acknowledged in the cluster, for one
 * 100,000-member guild and for 1,000 guilds of 100 members (ingested by several gateway threads); beside it, in the
 * same run, the same raw member JSON written to Redis as pipelined HSETs, one pipeline per guild (what Redis-based
 * Discord caches do).
 *
 * <pre>bench/run.sh GuildCreateBench [rounds] [threads] [both|large|small]</pre>
 * Redis: 127.0.0.1:6379 (DCACHE_BENCH_REDIS_HOST/PORT to change).
 */
public final class GuildCreateBench {
    private record Guild(long id, String payload, List<String> memberIds, List<String> memberJson) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String shapes = args.length > 2 ? args[2] : "both";
        if (!List.of("both", "large", "small").contains(shapes)) {
            throw new IllegalArgumentException("The guild shape is both, large (one guild of 100,000 members) or "
                    + "small (1,000 guilds of 100), not " + shapes);
        }
        Map<String, String> env = BenchEnvironment.singleNode("guild-create", 18901);
        List<String> lines = new ArrayList<>();
        try (CacheNode node = CacheNode.start(NodeSettings.from(env));
             DiscordCache cache = DiscordCache.connect(gatewayConfig(node));
             JedisPooled redis = new JedisPooled(System.getenv().getOrDefault("DCACHE_BENCH_REDIS_HOST", "127.0.0.1"),
                     Integer.parseInt(System.getenv().getOrDefault("DCACHE_BENCH_REDIS_PORT", "6379")))) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            AtomicInteger nextGuild = new AtomicInteger(1);
            // Warm both paths up (JIT, connections, schemas) on guilds of their own.
            ingestAll(ingester, guilds(nextGuild, 20, 1_000), threads);
            redisAll(redis, guilds(nextGuild, 20, 1_000), threads);
            for (int round = 1; round <= rounds; round++) {
                for (int[] shape : new int[][] {{1, 100_000}, {1_000, 100}}) {
                    if (!shapes.equals("both") && !shapes.equals(shape[0] == 1 ? "large" : "small")) {
                        continue;
                    }
                    List<Guild> ours = guilds(nextGuild, shape[0], shape[1]);
                    List<Guild> theirs = guilds(nextGuild, shape[0], shape[1]);
                    int ingestThreads = shape[0] == 1 ? 1 : threads;
                    double cacheRate = ingestAll(ingester, ours, ingestThreads);
                    double redisRate = redisAll(redis, theirs, ingestThreads);
                    String line = String.format("round %d, %,d guild(s) of %,d members, %d thread(s): ingested "
                                    + "%,.0f members/s; Redis pipelined HSET %,.0f members/s; ratio %.2f", round,
                            shape[0], shape[1], ingestThreads, cacheRate, redisRate, cacheRate / redisRate);
                    System.out.println(line);
                    lines.add(line);
                    // Let write-behind drain before the next measurement shares the cores with it.
                    node.flush();
                }
            }
        }
        System.out.println();
        System.out.println("RESULTS");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** A gateway only writes: its near caches are off, so the cluster sends it no invalidation events. */
    private static DiscordCacheConfig gatewayConfig(CacheNode node) {
        DiscordCacheConfig.Builder config = DiscordCacheConfig.builder()
                .clusterName(node.settings().clusterName()).addresses("127.0.0.1:18901");
        CacheMap.all().forEach(map -> config.nearCache(map, 0, Duration.ofMinutes(1)));
        return config.build();
    }

    private static double ingestAll(GatewayIngester ingester, List<Guild> guilds, int threads) throws Exception {
        return timed(guilds, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
    }

    private static double redisAll(JedisPooled redis, List<Guild> guilds, int threads) throws Exception {
        return timed(guilds, threads, guild -> {
            try (Pipeline pipeline = redis.pipelined()) {
                String key = "bench:guild:" + guild.id() + ":members";
                for (int i = 0; i < guild.memberIds().size(); i++) {
                    pipeline.hset(key, guild.memberIds().get(i), guild.memberJson().get(i));
                }
                pipeline.sync();
            }
        });
    }

    private interface GuildWork {
        void accept(Guild guild) throws Exception;
    }

    /** Members per second over all guilds, spread over {@code threads} workers. */
    private static double timed(List<Guild> guilds, int threads, GuildWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long members = guilds.stream().mapToLong(guild -> guild.memberIds().size()).sum();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < guilds.size(); i = next.getAndIncrement()) {
                    work.accept(guilds.get(i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return members / seconds;
    }

    /** Guilds as Discord sends them: large ones (over 250 members) say so, and list only part of their presences. */
    private static List<Guild> guilds(AtomicInteger nextGuild, int count, int membersEach) {
        List<Guild> guilds = new ArrayList<>(count);
        for (int g = 0; g < count; g++) {
            long guildId = (1_000_000L + nextGuild.getAndIncrement()) << 22;
            List<String> ids = new ArrayList<>(membersEach);
            List<String> members = new ArrayList<>(membersEach);
            StringBuilder payload = new StringBuilder(membersEach * 300 + 2_000);
            payload.append("{\"op\":0,\"s\":1,\"t\":\"GUILD_CREATE\",\"d\":{\"id\":\"").append(guildId)
                    .append("\",\"name\":\"bench guild\",\"icon\":null,\"owner_id\":\"1\",\"afk_timeout\":300,")
                    .append("\"roles\":[{\"id\":\"").append(guildId).append("\",\"name\":\"@everyone\",")
                    .append("\"permissions\":\"1024\",\"position\":0,\"color\":0}],\"emojis\":[],")
                    .append("\"features\":[],\"member_count\":").append(membersEach).append(",\"large\":")
                    .append(membersEach > 250).append(",\"channels\":[{\"id\":\"").append(guildId + 1)
                    .append("\",\"type\":0,\"name\":\"general\",\"position\":0,\"permission_overwrites\":[]}],")
                    .append("\"threads\":[],\"presences\":[],\"members\":[");
            for (int m = 0; m < membersEach; m++) {
                long userId = guildId + 1_000 + m;
                String member = "{\"user\":{\"id\":\"" + userId + "\",\"username\":\"user" + m + "\","
                        + "\"discriminator\":\"0\",\"global_name\":\"User " + m + "\",\"avatar\":\"a1b2c3d4e5f6a7b8c9d0"
                        + "e1f2a3b4c5d6\",\"public_flags\":0},\"nick\":null,\"roles\":[\"" + (guildId + 11) + "\",\""
                        + (guildId + 12) + "\",\"" + (guildId + 13) + "\"],\"joined_at\":\"2023-04-05T06:07:08.123456"
                        + "+00:00\",\"premium_since\":null,\"deaf\":false,\"mute\":false,\"pending\":false,"
                        + "\"flags\":0}";
                ids.add(Long.toString(userId));
                members.add(member);
                payload.append(m == 0 ? "" : ",").append(member);
            }
            payload.append("]}}");
            guilds.add(new Guild(guildId, payload.toString(), ids, members));
        }
        return guilds;
    }
}
