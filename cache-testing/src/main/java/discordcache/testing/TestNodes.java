package discordcache.testing;

import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Settings for in-process test nodes: a cluster of their own on loopback ports, fast write-behind. */
public final class TestNodes {
    private final String clusterName = "test-" + UUID.randomUUID();
    private final int basePort = 15_000 + ThreadLocalRandom.current().nextInt(0, 4_000) * 5;
    private final String jdbcUrl;
    private final Map<String, String> common = new HashMap<>();

    public TestNodes(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        TestPostgres postgres = TestPostgres.get();
        common.put("DCACHE_DB_USER", postgres.user());
        common.put("DCACHE_DB_PASSWORD", postgres.password());
        common.put("DCACHE_DB_POOL_SIZE", "12");
        common.put("DCACHE_CLUSTER_NAME", clusterName);
        common.put("DCACHE_PORT", Integer.toString(basePort));
        common.put("DCACHE_MEMBERS", IntStream.range(basePort, basePort + 4).mapToObj(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(",")));
        common.put("DCACHE_WRITE_DELAY_SECONDS", "1");
        common.put("DCACHE_STORE_MAX_BACKOFF_MS", "500");
        common.put("DCACHE_SHUTDOWN_FLUSH_TIMEOUT_SECONDS", "10");
        // Near caches are trusted after a TICK of every member: tests need not wait the default second.
        common.put("DCACHE_INVALIDATION_TICK_MS", "200");
    }

    /** Settings of a node with its own data directory, plus overrides. */
    public NodeSettings settings(Path dataDirectory, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(common);
        env.put("DCACHE_JDBC_URL", jdbcUrl);
        env.put("DCACHE_DATA_DIR", dataDirectory.toString());
        env.putAll(overrides);
        return NodeSettings.from(env);
    }

    public NodeSettings settings(Path dataDirectory) {
        return settings(dataDirectory, Map.of());
    }

    /**
     * Two members of one cluster, started together (each waits for the other before it loads), with data directories
     * {@code a} and {@code b} under {@code directory}; answered in that order.
     */
    public List<CacheNode> startTwo(Path directory, Map<String, String> overrides) {
        Map<String, String> two = new HashMap<>(overrides);
        two.put("DCACHE_INITIAL_MIN_CLUSTER_SIZE", "2");
        CompletableFuture<CacheNode> a = CompletableFuture.supplyAsync(
                () -> CacheNode.start(settings(directory.resolve("a"), two)));
        CacheNode b = CacheNode.start(settings(directory.resolve("b"), two));
        return List.of(a.join(), b);
    }
}
