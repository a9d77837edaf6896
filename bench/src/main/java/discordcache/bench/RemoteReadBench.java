package discordcache.bench;

import discordcache.wire.CacheSerialization;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.testing.Entities;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Near-cache misses (remote gets over loopback) beside a Redis GET of a value of the same size, in the same run;
 * then the invalidation lag: from a write in one client until another client's near cache serves the new value.
 *
 * <p>The cache node runs in a JVM of its own ({@code CacheNodeMain start}, like Redis in a process of its own),
 * with its output in {@code bench/target/node.log}; the bench JVM holds only the clients and the load threads.
 * Besides throughput and p50/p99, each phase reports per get the CPU time and the context switches of the bench
 * JVM and of the server process (node or redis-server), read from /proc: on a small machine, these decide throughput.
 *
 * <pre>bench/run.sh RemoteReadBench [threads[,threads...]] [seconds]</pre>
 * Redis: 127.0.0.1:6379 (DCACHE_BENCH_REDIS_HOST/PORT to change).
 * Extra JVM options of the node (for example {@code -Dhazelcast.io.thread.count=1}): DCACHE_BENCH_NODE_JVM_OPTS.
 * Client-side Hazelcast properties: {@code -D} options of the bench JVM (BENCH_JVM_OPTS of run.sh); the client's
 * routing mode: DCACHE_BENCH_ROUTING_MODE (ALL_MEMBERS, SINGLE_MEMBER).
 */
public final class RemoteReadBench {
    private static final int KEYS = 10_000;
    /** A free port, so that runs beside other benches on the same machine do not collide. */
    private static final int PORT = NodeProcess.freePort();
    public static void main(String[] args) {
        try {
            bench(args);
        } catch (Throwable e) {
            // The Hazelcast client's threads would keep the JVM alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void bench(String[] args) throws Exception {
        int[] threadCounts = args.length > 0
                ? Arrays.stream(args[0].split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray()
                : new int[] {8};
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Map<String, String> env = BenchEnvironment.singleNode("remote", PORT);
        List<String> lines = new ArrayList<>();
        lines.add("client properties: " + System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("hazelcast.client.")).sorted()
                .map(name -> name + "=" + System.getProperty(name)).collect(Collectors.joining(", ", "[", "]"))
                + ", routing mode " + System.getenv().getOrDefault("DCACHE_BENCH_ROUTING_MODE", "default"));
        NodeProcess node = NodeProcess.start("node", env, "2g");
        lines.add(0, "node JVM options: " + String.join(" ", node.options()));
        try {
            ClientConfig config = new ClientConfig();
            config.setClusterName(env.get("DCACHE_CLUSTER_NAME"));
            config.setProperty("hazelcast.logging.type", "slf4j");
            config.getNetworkConfig().addAddress("127.0.0.1:" + PORT);
            if (System.getenv().containsKey("DCACHE_BENCH_ROUTING_MODE")) {
                config.getNetworkConfig().getClusterRoutingConfig()
                        .setRoutingMode(RoutingMode.valueOf(System.getenv("DCACHE_BENCH_ROUTING_MODE")));
            }
            CacheSerialization.register(config.getSerializationConfig());
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            IMap<Long, User> remote = client.getMap(CacheMap.USERS.name());

            Entities entities = new Entities(2);
            Map<Long, User> users = new HashMap<>();
            for (long id = 0; id < KEYS; id++) {
                users.put(id, entities.user(id, 1));
            }
            remote.setAll(users);
            int valueSize = ((SerializationServiceSupport) client).getSerializationService()
                    .toData(users.get(1L)).totalSize();

            String host = System.getenv().getOrDefault("DCACHE_BENCH_REDIS_HOST", "127.0.0.1");
            int port = Integer.parseInt(System.getenv().getOrDefault("DCACHE_BENCH_REDIS_PORT", "6379"));
            int maxThreads = Arrays.stream(threadCounts).max().orElse(1);
            // One connection per load thread, as the Hazelcast side has no pool limit either (Jedis' default is 8).
            GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
            pool.setMaxTotal(maxThreads);
            pool.setMaxIdle(maxThreads);
            try (JedisPooled redis = new JedisPooled(pool, host, port)) {
                byte[] value = new byte[valueSize];
                ThreadLocalRandom.current().nextBytes(value);
                for (int id = 0; id < KEYS; id++) {
                    redis.set(("bench:user:" + id).getBytes(), value);
                }
                LongConsumer hazelcastGet = key -> remote.get(key);
                LongConsumer redisGet = key -> redis.get(("bench:user:" + key).getBytes());
                long nodePid = node.pid();
                long redisPid = redisPid(redis);
                // Warm-up: JIT of both clients, the node's write-behind of the 10,000 users, both connection pools.
                run(maxThreads, 3, hazelcastGet, nodePid);
                run(maxThreads, 3, redisGet, redisPid);
                for (int threads : threadCounts) {
                    for (int round = 1; round <= 2; round++) {
                        Result hazelcast = run(threads, seconds, hazelcastGet, nodePid);
                        Result baseline = run(threads, seconds, redisGet, redisPid);
                        lines.add(String.format("round %d, %d threads, %d-byte values: remote get %s; Redis GET %s; "
                                        + "throughput ratio %.2f", round, threads, valueSize, hazelcast.describe("node"),
                                baseline.describe("redis"), hazelcast.opsPerSecond / baseline.opsPerSecond));
                        System.out.println(lines.get(lines.size() - 1));
                    }
                }
            }
            lines.add(invalidationLag(env.get("DCACHE_CLUSTER_NAME"), remote, entities));
            client.shutdown();
        } finally {
            node.close();
        }
        System.out.println();
        System.out.println("RESULTS");
        lines.forEach(System.out::println);
    }

    /**
     * Throughput and latency percentiles; and per get, the CPU time and the context switches (voluntary and not)
     * of the bench JVM and of the server process.
     */
    private record Result(double opsPerSecond, long p50, long p99, double clientCpuPerOp, double serverCpuPerOp,
                          double clientSwitchesPerOp, double serverSwitchesPerOp) {
        String describe(String server) {
            return String.format("%,.0f ops/s (p50 %d µs, p99 %d µs; per get: CPU %.1f µs bench + %.1f µs %s, "
                    + "context switches %.1f bench + %.1f %s)", opsPerSecond, p50, p99, clientCpuPerOp, serverCpuPerOp,
                    server, clientSwitchesPerOp, serverSwitchesPerOp, server);
        }
    }

    /** The context switches of all threads of a process so far, from /proc (0 where there is no /proc). */
    private static long contextSwitches(long pid) {
        long switches = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return switches;
    }

    /** The process id of the Redis server (INFO server), when it runs on this machine. */
    private static long redisPid(JedisPooled redis) {
        for (String line : redis.info("server").split("\\r?\\n")) {
            if (line.startsWith("process_id:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return -1;
    }

    private static Result run(int threads, int seconds, LongConsumer get, long serverPid)
            throws InterruptedException {
        long self = ProcessHandle.current().pid();
        long clientCpuBefore = Bench.cpuNanos(self);
        long serverCpuBefore = Bench.cpuNanos(serverPid);
        long clientSwitchesBefore = contextSwitches(self);
        long serverSwitchesBefore = contextSwitches(serverPid);
        Recorder recorder = new Recorder(3);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long[] counts = new long[threads];
        // The workers stay alive until their context switches are counted: /proc forgets a thread once it ends.
        CountDownLatch finished = new CountDownLatch(threads);
        CountDownLatch measured = new CountDownLatch(1);
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
                finished.countDown();
                try {
                    measured.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.add(worker);
            worker.start();
        }
        finished.await();
        double clientCpu = Bench.cpuNanos(self) - clientCpuBefore;
        double serverCpu = Bench.cpuNanos(serverPid) - serverCpuBefore;
        double clientSwitches = contextSwitches(self) - clientSwitchesBefore;
        double serverSwitches = contextSwitches(serverPid) - serverSwitchesBefore;
        measured.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        Histogram histogram = recorder.getIntervalHistogram();
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return new Result(total / (double) seconds, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), clientCpu / 1_000.0 / total, serverCpu / 1_000.0 / total,
                clientSwitches / total, serverSwitches / total);
    }

    /** From the return of a write in one client until another client's near cache serves the new value. */
    private static String invalidationLag(String clusterName, IMap<Long, User> writer, Entities entities)
            throws InterruptedException {
        DiscordCacheConfig config = DiscordCacheConfig.builder().clusterName(clusterName)
                .addresses("127.0.0.1:" + PORT).build();
        Histogram lags = new Histogram(3);
        try (DiscordCache reader = DiscordCache.connect(config)) {
            Thread.sleep(3_000); // trusted once the node sent a TICK (every second) and the grace passed
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
