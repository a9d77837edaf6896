package discordcache.bench;

import com.hazelcast.map.IMap;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.client.NearCacheStats;
import discordcache.testing.Entities;
import discordcache.testing.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A rolling restart of a three-member cluster (each member in a JVM of its own, stopped with SIGTERM, which hands
 * its partitions over, then started again) while bots read users by a Zipf-skewed key choice and a gateway keeps
 * changing some. Reports the bots' near-cache hit ratio and their reads that reached the cluster, per second, during
 * the restart against the mean of 20 s before and 20 s after it (the near caches still warm up slowly), and the
 * partitions the near caches dropped.
 *
 * <pre>bench/run.sh RollingRestartBench [users] [bots] [reads per second per bot] [writes per second]</pre>
 */
public final class RollingRestartBench {
    private static final double ZIPF_EXPONENT = 1.0;
    private static final int STEADY_SECONDS = 20;

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int botCount = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int readsPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int writesPerSecond = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String jdbcUrl = TestPostgres.get().createDatabase();
        String cluster = "rolling-" + UUID.randomUUID();
        int[] ports = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        List<Map<String, String>> envs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            envs.add(env(jdbcUrl, cluster, ports, i));
        }
        List<String> lines = new ArrayList<>();
        NodeProcess[] nodes = new NodeProcess[3];
        List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int index = i;
            starting.add(CompletableFuture.supplyAsync(() -> start(index, envs.get(index))));
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = starting.get(i).join();
        }
        String[] addresses = Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port).toArray(String[]::new);
        List<DiscordCache> bots = new ArrayList<>();
        try (DiscordCache gateway = DiscordCache.connect(DiscordCacheConfig.builder().clusterName(cluster)
                .addresses(addresses).connectTimeout(Duration.ofSeconds(60)).withoutNearCaches().build())) {
            Entities entities = new Entities(11);
            IMap<Long, User> map = gateway.admin().hazelcast().getMap(CacheMap.USERS.name());
            Map<Long, User> batch = new HashMap<>();
            for (long id = 0; id < users; id++) {
                batch.put(id, entities.user(id, 1));
                if (batch.size() == 10_000) {
                    map.setAll(batch);
                    batch.clear();
                }
            }
            for (int b = 0; b < botCount; b++) {
                bots.add(DiscordCache.connect(DiscordCacheConfig.builder().clusterName(cluster).addresses(addresses)
                        .nearCache(CacheMap.USERS, users, Duration.ofMinutes(30)).build()));
            }
            double[] zipf = zipfCdf(users);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong readErrors = new AtomicLong();
            List<CompletableFuture<Void>> load = new ArrayList<>();
            for (DiscordCache bot : bots) {
                load.add(paced(running, readsPerSecond, () -> {
                    try {
                        bot.user(sample(zipf));
                    } catch (RuntimeException e) {
                        readErrors.incrementAndGet(); // a read during a member's stop may fail over
                    }
                }));
            }
            AtomicLong version = new AtomicLong(1);
            load.add(paced(running, writesPerSecond, () -> {
                long id = ThreadLocalRandom.current().nextLong(users);
                try {
                    map.set(id, entities.user(id, version.incrementAndGet()));
                } catch (RuntimeException e) {
                    readErrors.incrementAndGet();
                }
            }));
            Thread.sleep(40_000); // warm: the hot keys are cached
            Totals before = measure(bots, STEADY_SECONDS);
            long restartStarted = System.nanoTime();
            Totals restartBefore = Totals.of(bots);
            for (int i = 0; i < 3; i++) {
                long stopStarted = System.nanoTime();
                nodes[i].close();
                long stopped = System.nanoTime();
                nodes[i] = start(i, envs.get(i));
                String line = String.format("member %d: stopped in %.1f s, started again in %.1f s", i + 1,
                        (stopped - stopStarted) / 1e9, (System.nanoTime() - stopped) / 1e9);
                System.out.println(line);
                lines.add(line);
                Thread.sleep(5_000); // partitions migrate back
            }
            double restartSeconds = (System.nanoTime() - restartStarted) / 1e9;
            Totals during = Totals.of(bots).minus(restartBefore);
            Totals after = measure(bots, STEADY_SECONDS);
            running.set(false);
            load.forEach(CompletableFuture::join);
            double steadyHitRatio = (before.hitRatio() + after.hitRatio()) / 2;
            double steadyMisses = (before.misses + after.misses) / 2.0 / STEADY_SECONDS;
            lines.add(String.format("%,d users, %d bots reading %,d/s each (Zipf %.1f), %,d writes/s", users,
                    botCount, readsPerSecond, ZIPF_EXPONENT, writesPerSecond));
            lines.add(String.format("steady, %d s before and %d s after: hit ratio %.4f and %.4f, reads reaching the "
                            + "cluster %,.0f/s and %,.0f/s, partitions dropped %d and %d", STEADY_SECONDS,
                    STEADY_SECONDS, before.hitRatio(), after.hitRatio(), before.misses / (double) STEADY_SECONDS,
                    after.misses / (double) STEADY_SECONDS, before.partitionDrops, after.partitionDrops));
            lines.add(String.format("rolling restart, %.0f s: hit ratio %.4f (%.3f x steady), reads reaching the "
                            + "cluster %,.0f/s (%.2f x steady), partitions dropped %d (4 bots, 271 partitions "
                            + "each), failed operations %d", restartSeconds, during.hitRatio(),
                    during.hitRatio() / steadyHitRatio, during.misses / restartSeconds,
                    (during.misses / restartSeconds) / steadyMisses, during.partitionDrops, readErrors.get()));
        } finally {
            bots.forEach(DiscordCache::close);
            for (NodeProcess node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
        }
        Bench.printResultsAndExit(lines);
    }

    private static NodeProcess start(int index, Map<String, String> env) {
        try {
            return NodeProcess.start("rolling-node-" + (index + 1), env, "2g");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> env(String jdbcUrl, String cluster, int[] ports, int index) {
        Map<String, String> env = new HashMap<>();
        env.put("DCACHE_JDBC_URL", jdbcUrl);
        env.put("DCACHE_DB_USER", TestPostgres.get().user());
        env.put("DCACHE_DB_PASSWORD", TestPostgres.get().password());
        try {
            env.put("DCACHE_DATA_DIR", Files.createTempDirectory("dcache-rolling-" + index).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("DCACHE_CLUSTER_NAME", cluster);
        env.put("DCACHE_PORT", Integer.toString(ports[index]));
        env.put("DCACHE_MEMBERS", String.join(",", Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port)
                .toList()));
        env.put("DCACHE_DB_POOL_SIZE", "8");
        return env;
    }

    /** Hits, misses and partition drops of the bots' user near caches, summed. */
    private record Totals(long hits, long misses, long partitionDrops) {
        static Totals of(List<DiscordCache> bots) {
            long hits = 0;
            long misses = 0;
            long drops = 0;
            for (DiscordCache bot : bots) {
                NearCacheStats stats = bot.admin().nearCacheStats().get(CacheMap.USERS);
                hits += stats.hits();
                misses += stats.misses();
                drops += stats.partitionDrops();
            }
            return new Totals(hits, misses, drops);
        }

        Totals minus(Totals earlier) {
            return new Totals(hits - earlier.hits, misses - earlier.misses, partitionDrops - earlier.partitionDrops);
        }

        double hitRatio() {
            return hits / (double) (hits + misses);
        }
    }

    /** The bots' counts over {@code seconds} of steady reading. */
    private static Totals measure(List<DiscordCache> bots, int seconds) throws InterruptedException {
        Totals start = Totals.of(bots);
        Thread.sleep(seconds * 1_000L);
        return Totals.of(bots).minus(start);
    }

    /** Runs {@code action} about {@code perSecond} times a second until stopped. */
    private static CompletableFuture<Void> paced(AtomicBoolean running, int perSecond, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            while (running.get()) {
                action.run();
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 1_000_000) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -1_000_000_000L) {
                    next = System.nanoTime(); // fell behind by a second: do not catch up in a burst
                }
            }
            done.complete(null);
        }, "paced-load");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static double[] zipfCdf(int keys) {
        double[] cdf = new double[keys];
        double sum = 0;
        for (int rank = 1; rank <= keys; rank++) {
            sum += 1 / Math.pow(rank, ZIPF_EXPONENT);
            cdf[rank - 1] = sum;
        }
        for (int i = 0; i < keys; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static long sample(double[] cdf) {
        int index = Arrays.binarySearch(cdf, ThreadLocalRandom.current().nextDouble());
        return index >= 0 ? index : -index - 1;
    }
}
