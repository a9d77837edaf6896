package discordcache.bench;

import discordcache.node.config.NodeSettings;
import discordcache.testing.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The settings of a benchmark's own single node: a fresh database, data directory, cluster and port. */
final class BenchEnvironment {
    private BenchEnvironment() {
    }

    /**
     * The node's settings: those of the environment (DCACHE_WRITE_DELAY_SECONDS, …, to compare configurations),
     * then the benchmark's own database, data directory, cluster and port.
     */
    static Map<String, String> singleNode(String name, int port) throws IOException {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((setting, value) -> {
            if (setting.startsWith(NodeSettings.PREFIX) && !setting.startsWith("DCACHE_TEST_")) {
                env.put(setting, value);
            }
        });
        env.put("DCACHE_JDBC_URL", TestPostgres.get().createDatabase());
        env.put("DCACHE_DB_USER", TestPostgres.get().user());
        env.put("DCACHE_DB_PASSWORD", TestPostgres.get().password());
        env.put("DCACHE_DATA_DIR", Files.createTempDirectory("dcache-" + name).toString());
        env.put("DCACHE_CLUSTER_NAME", name + "-" + UUID.randomUUID());
        env.put("DCACHE_PORT", Integer.toString(port));
        env.put("DCACHE_MEMBERS", "127.0.0.1:" + port);
        return env;
    }
}
