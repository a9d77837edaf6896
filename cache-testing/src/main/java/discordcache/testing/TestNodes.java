package discordcache.testing;

import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
    /** Four ports in a row, for up to four members of the test's cluster. */
    private final int basePort = freePorts(4);
    private final String jdbcUrl;
    private final Map<String, String> common = new HashMap<>();

    /** A loopback port nothing listens on now, for a node started outside {@code TestNodes}. */
    public static int freePort() {
        return freePorts(1);
    }

    /**
     * The first of {@code count} consecutive loopback ports nothing listens on now. Hazelcast takes the next port
     * when its own is busy, and the members of a test's cluster find each other on the ports listed, so they must
     * be consecutive; a random start keeps parallel test JVMs apart.
     */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 15_000 + ThreadLocalRandom.current().nextInt(0, 4_000) * 5;
            if (IntStream.range(base, base + count).allMatch(TestNodes::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free ports between 15000 and 35000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

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
