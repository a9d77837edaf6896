package discordcache.bench;

import discordcache.client.DiscordCache;
import discordcache.ingest.GatewayIngester;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GUILD_CREATE ingestion: members per second from the raw JSON text to acknowledged by the cluster, for one
 * 100,000-member guild and for 1,000 guilds of 100 members (ingested by several gateway threads), each guild new to
 * the cache. Beside it, in the same run, two Redis baselines on a redis-server of the benchmark's own, as durable as a
 * Redis-backed cache runs it (append-only file, fsync every second):
 * <ul>
 *   <li>fair: what a Redis-backed Discord cache does ({@link RedisGuildStore}: parse the payload, one hash per member
 *       and one per user, the guild's member-id set, pipelined per guild);</li>
 *   <li>raw: each member's JSON text as it came into one hash of the guild (no parse, no user), as before.</li>
 * </ul>
 * The cache node runs in a JVM of its own, like Redis in its own process.
 *
 * <pre>bench/run.sh GuildCreateBench [rounds] [threads] [both|large|small]</pre>
 */
public final class GuildCreateBench {
    private static final int WARM_UP_ROUNDS = 10;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String shapes = args.length > 2 ? args[2] : "both";
        if (!List.of("both", "large", "small").contains(shapes)) {
            throw new IllegalArgumentException("The guild shape is both, large (one guild of 100,000 members) or "
                    + "small (1,000 guilds of 100), not " + shapes);
        }
        int port = NodeProcess.freePort();
        Map<String, String> env = BenchEnvironment.singleNode("guild-create", port);
        List<String> lines = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start("guild-create-node", env, "6g");
             DurableRedis redisServer = DurableRedis.start();
             JedisPooled redis = redisServer.client();
             DiscordCache cache = DiscordCache.connect(Bench.gateway(env.get("DCACHE_CLUSTER_NAME"), port))) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            // Guild ids never repeat; users are drawn from a pool of 10 million, so nearly every member brings a new
            // user, as in a first start.
            GuildPayloads payloads = new GuildPayloads(21, 1, 10_000_000, 100_000);
            // Warm-up (JIT of both JVMs, connections, schemas) on guilds of their own: three rounds left the node's
            // JIT compiler with over a quarter of its CPU in the measured rounds.
            for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
                List<GuildPayloads.Guild> guilds = guilds(payloads, 300, 100);
                Bench.timed(guilds, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
                Bench.timed(guilds, threads, guild -> RedisGuildStore.apply(redis, guild.payload()));
                Bench.timed(rawMembers(guilds), threads, guild -> raw(redis, guild));
                Bench.awaitWriteBehind(cache);
            }
            for (int round = 1; round <= rounds; round++) {
                for (int[] shape : new int[][] {{1, 100_000}, {1_000, 100}}) {
                    if (!shapes.equals("both") && !shapes.equals(shape[0] == 1 ? "large" : "small")) {
                        continue;
                    }
                    List<GuildPayloads.Guild> ours = guilds(payloads, shape[0], shape[1]);
                    List<GuildPayloads.Guild> fair = guilds(payloads, shape[0], shape[1]);
                    List<GuildPayloads.Guild> rawOnes = guilds(payloads, shape[0], shape[1]);
                    long members = (long) shape[0] * shape[1];
                    int ingestThreads = shape[0] == 1 ? 1 : threads;
                    double cacheRate = members / Bench.timed(ours, ingestThreads,
                            guild -> ingester.ingest(guild.payload(), 0, 1));
                    double fairRate = members / Bench.timed(fair, ingestThreads,
                            guild -> RedisGuildStore.apply(redis, guild.payload()));
                    double rawRate = members / Bench.timed(rawMembers(rawOnes), ingestThreads,
                            guild -> raw(redis, guild));
                    String line = String.format("round %d, %,d guild(s) of %,d members, %d thread(s): ingested %,.0f "
                                    + "members/s; Redis, what a Redis-backed cache does: %,.0f members/s (ratio %.2f); "
                                    + "Redis, raw member JSON: %,.0f members/s (ratio %.2f)", round, shape[0],
                            shape[1], ingestThreads, cacheRate, fairRate, cacheRate / fairRate, rawRate,
                            cacheRate / rawRate);
                    System.out.println(line);
                    lines.add(line);
                    // Let write-behind drain before the next measurement shares the cores with it.
                    Bench.awaitWriteBehind(cache);
                }
            }
        }
        Bench.printResultsAndExit(lines);
    }

    private static List<GuildPayloads.Guild> guilds(GuildPayloads payloads, int count, int members) {
        List<GuildPayloads.Guild> guilds = new ArrayList<>(count);
        for (int g = 0; g < count; g++) {
            guilds.add(payloads.next(members));
        }
        return guilds;
    }

    /** A guild's members' JSON texts as they came, made before the raw baseline is timed. */
    private record RawGuild(long id, String[] userIds, String[] members) {
    }

    private static List<RawGuild> rawMembers(List<GuildPayloads.Guild> guilds) {
        return guilds.stream().map(guild -> new RawGuild(guild.id(),
                Arrays.stream(guild.userIds()).mapToObj(Long::toString).toArray(String[]::new),
                Arrays.stream(guild.userIds()).mapToObj(userId -> GuildPayloads.member(guild.id(), userId))
                        .toArray(String[]::new))).toList();
    }

    /** The raw baseline: each member's JSON text, as it came, into one hash of the guild. */
    private static void raw(JedisPooled redis, RawGuild guild) {
        try (Pipeline pipeline = redis.pipelined()) {
            String key = "raw:guild:" + guild.id() + ":members";
            for (int i = 0; i < guild.members().length; i++) {
                pipeline.hset(key, guild.userIds()[i], guild.members()[i]);
            }
            pipeline.sync();
        }
    }
}
