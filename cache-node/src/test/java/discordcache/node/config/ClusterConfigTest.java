package discordcache.node.config;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import discordcache.model.CacheMap;
import discordcache.node.store.Persistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterConfigTest {
    @TempDir
    Path temp;

    private Config build(Map<String, String> env) {
        // Building a configuration does not connect: the data source is only handed to the map stores.
        Persistence persistence = new Persistence(new PGSimpleDataSource(), temp, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 0);
        return ClusterConfig.build(NodeSettings.from(env), persistence);
    }

    @Test
    void defaults_writeBehindOnEveryMapEagerButMessagesBackupsAndRetention() {
        Config config = build(Map.of());
        for (CacheMap<?, ?> map : CacheMap.all()) {
            MapConfig mapConfig = config.getMapConfig(map.name());
            MapStoreConfig store = mapConfig.getMapStoreConfig();
            assertTrue(store.isEnabled(), map.name());
            assertEquals(1, store.getWriteDelaySeconds());
            assertEquals(500, store.getWriteBatchSize());
            assertTrue(store.isWriteCoalescing());
            assertEquals(map == CacheMap.MESSAGES ? MapStoreConfig.InitialLoadMode.LAZY
                    : MapStoreConfig.InitialLoadMode.EAGER, store.getInitialLoadMode(), map.name());
            assertEquals(1, mapConfig.getBackupCount());
        }
        assertEquals("600", config.getProperty("hazelcast.map.replica.scheduled.task.delay.seconds"));
        assertEquals(MaxSizePolicy.PER_NODE,
                config.getMapConfig("messages").getEvictionConfig().getMaxSizePolicy());
        assertEquals(1_000_000, config.getMapConfig("messages").getEvictionConfig().getSize());
    }

    @Test
    void boundsTtlAndUnpersistedMessages() {
        Config config = build(Map.of("DCACHE_MEMBERS_MAX_PER_NODE", "1000", "DCACHE_EVICTION_POLICY", "LFU",
                "DCACHE_PRESENCES_MAX_HEAP_PERCENT", "10", "DCACHE_MESSAGES_TTL_SECONDS", "600",
                "DCACHE_MESSAGES_PERSIST", "false"));
        assertEquals(EvictionPolicy.LFU, config.getMapConfig("members").getEvictionConfig().getEvictionPolicy());
        assertEquals(1000, config.getMapConfig("members").getEvictionConfig().getSize());
        assertEquals(MaxSizePolicy.USED_HEAP_PERCENTAGE,
                config.getMapConfig("presences").getEvictionConfig().getMaxSizePolicy());
        assertEquals(600, config.getMapConfig("messages").getTimeToLiveSeconds());
        assertFalse(config.getMapConfig("messages").getMapStoreConfig().isEnabled());
    }

    @Test
    void yamlFile_isTheBaseAndTheSettingsWinWhereTheyOverlap() throws Exception {
        Path yaml = Files.writeString(temp.resolve("hazelcast.yaml"), """
                hazelcast:
                  cluster-name: from-yaml
                  properties:
                    hazelcast.operation.call.timeout.millis: 30000
                  map:
                    users:
                      statistics-enabled: false
                """);
        Config config = build(Map.of("DCACHE_HAZELCAST_CONFIG", yaml.toString(), "DCACHE_CLUSTER_NAME", "mine"));
        assertEquals("mine", config.getClusterName());
        assertEquals("30000", config.getProperty("hazelcast.operation.call.timeout.millis"));
        assertFalse(config.getMapConfig("users").isStatisticsEnabled());
        assertTrue(config.getMapConfig("users").getMapStoreConfig().isEnabled());
    }

    @Test
    void missingYamlFile_namesTheSetting() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> build(Map.of("DCACHE_HAZELCAST_CONFIG", temp.resolve("nope.yaml").toString())));
        assertTrue(error.getMessage().startsWith("DCACHE_HAZELCAST_CONFIG names "), error.getMessage());
    }
}
