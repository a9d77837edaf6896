package discordcache.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;
import discordcache.model.ModelSerialization;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;
import discordcache.node.testing.Entities;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * Near-cache misses (remote gets over loopback) beside a Redis GET of a value of the same size, in the same run;
 * then the invalidation lag: from a write in one client until another client's near cache serves the new value.
 *
 * <pre>bench/run.sh RemoteReadBench [threads] [seconds]</pre>
 * Redis: 127.0.0.1:6379 (DCACHE_BENCH_REDIS_HOST/PORT to change).
 */
public final class RemoteReadBench {
    private static final int KEYS = 10_000;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Map<String, String> env = BenchEnvironment.singleNode("remote", 18801);
        List<String> lines = new ArrayList<>();
        try (CacheNode node = CacheNode.start(NodeSettings.from(env))) {
            Entities entities = new Entities(2);
            Map<Long, User> users = new HashMap<>();
            for (long id = 0; id < KEYS; id++) {
                users.put(id, entities.user(id, 1));
            }
            node.hazelcast().<Long, User>getMap(CacheMap.USERS.name()).setAll(users);
            int valueSize = ((SerializationServiceSupport) node.hazelcast()).getSerializationService()
                    .toData(users.get(1L)).totalSize();

            ClientConfig config = new ClientConfig();
            config.setClusterName(node.settings().clusterName());
            config.getNetworkConfig().addAddress("127.0.0.1:18801");
            ModelSerialization.register(config.getSerializationConfig());
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            IMap<Long, User> remote = client.getMap(CacheMap.USERS.name());

            String host = System.getenv().getOrDefault("DCACHE_BENCH_REDIS_HOST", "127.0.0.1");
            int port = Integer.parseInt(System.getenv().getOrDefault("DCACHE_BENCH_REDIS_PORT", "6379"));
            try (JedisPooled redis = new JedisPooled(host, port)) {
                byte[] value = new byte[valueSize];
                ThreadLocalRandom.current().nextBytes(value);
                for (int id = 0; id < KEYS; id++) {
                    redis.set(("bench:user:" + id).getBytes(), value);
                }
                for (int round = 1; round <= 2; round++) {
                    Result hazelcast = run(threads, seconds, key -> remote.get(key));
                    Result baseline = run(threads, seconds, key -> redis.get(("bench:user:" + key).getBytes()));
                    lines.add(String.format("round %d, %d threads, %d-byte values: remote get %,.0f ops/s "
                                    + "(p50 %d µs, p99 %d µs); Redis GET %,.0f ops/s (p50 %d µs, p99 %d µs); "
                                    + "throughput ratio %.2f", round, threads, valueSize, hazelcast.opsPerSecond,
                            hazelcast.p50, hazelcast.p99, baseline.opsPerSecond, baseline.p50, baseline.p99,
                            hazelcast.opsPerSecond / baseline.opsPerSecond));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
            lines.add(invalidationLag(node, remote, entities));
            client.shutdown();
        }
        System.out.println();
        System.out.println("RESULTS");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private record Result(double opsPerSecond, long p50, long p99) {
    }

    private static Result run(int threads, int seconds, LongConsumer get) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long[] counts = new long[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                long done = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    get.accept(ThreadLocalRandom.current().nextInt(KEYS));
                    recorder.recordValue((System.nanoTime() - start) / 1_000);
                    done++;
                }
                counts[index] = done;
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Histogram histogram = recorder.getIntervalHistogram();
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return new Result(total / (double) seconds, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99));
    }

    /** From the return of a write in one client until another client's near cache serves the new value. */
    private static String invalidationLag(CacheNode node, IMap<Long, User> writer, Entities entities)
            throws InterruptedException {
        DiscordCacheConfig config = DiscordCacheConfig.builder().clusterName(node.settings().clusterName())
                .addresses("127.0.0.1:18801").trustGracePeriod(Duration.ofMillis(500)).build();
        Histogram lags = new Histogram(3);
        try (DiscordCache reader = DiscordCache.connect(config)) {
            Thread.sleep(1_500);
            for (int i = 0; i < 500; i++) {
                long id = i % KEYS;
                long version = 100 + i;
                reader.user(id);
                reader.user(id);
                writer.set(id, entities.user(id, version));
                long start = System.nanoTime();
                while (reader.user(id).version() != version) {
                    Thread.onSpinWait();
                }
                lags.recordValue((System.nanoTime() - start) / 1_000);
            }
        }
        return String.format("invalidation lag over 500 writes: p50 %d µs, p99 %d µs, max %d µs",
                lags.getValueAtPercentile(50), lags.getValueAtPercentile(99), lags.getMaxValue());
    }
}
