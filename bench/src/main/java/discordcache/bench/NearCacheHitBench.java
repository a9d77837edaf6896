package discordcache.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;
import discordcache.testing.Entities;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A near-cache hit beside a raw Caffeine {@code getIfPresent} of the same values, in the same JVM and run.
 *
 * <pre>bench/run.sh jmh NearCacheHitBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx2g"})
@Threads(2)
public class NearCacheHitBench {
    private static final int KEYS = 10_000;

    private CacheNode node;
    private DiscordCache cache;
    private Cache<Long, User> caffeine;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Map<String, String> env = BenchEnvironment.singleNode("jmh", 18701);
        node = CacheNode.start(NodeSettings.from(env));
        cache = DiscordCache.connect(DiscordCacheConfig.builder()
                .clusterName(node.settings().clusterName()).addresses("127.0.0.1:18701").build());
        Thread.sleep(3_000); // trusted once the node sent a TICK (every second) and the grace passed
        caffeine = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(5)).build();
        Entities entities = new Entities(1);
        Map<Long, User> users = new HashMap<>();
        for (long id = 0; id < KEYS; id++) {
            users.put(id, entities.user(id, 1));
        }
        node.hazelcast().<Long, User>getMap(CacheMap.USERS.name()).setAll(users);
        caffeine.putAll(users);
        for (long id = 0; id < KEYS; id++) {
            cache.user(id);
        }
        if (cache.admin().nearCacheStats().get(CacheMap.USERS).size() != KEYS) {
            throw new IllegalStateException("The near cache holds " + cache.admin().nearCacheStats()
                    .get(CacheMap.USERS).size() + " of " + KEYS + " users: it was not trusted yet");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
        node.close();
    }

    @Benchmark
    public User nearCacheHit() {
        return cache.user(ThreadLocalRandom.current().nextInt(KEYS));
    }

    @Benchmark
    public User caffeineGetIfPresent() {
        return caffeine.getIfPresent((long) ThreadLocalRandom.current().nextInt(KEYS));
    }
}
