package discordcache.node.config;

import discordcache.model.CacheMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeSettingsTest {
    @Test
    void defaults_giveAnEmbeddedSingleNodeWithBoundedMessages() {
        NodeSettings settings = NodeSettings.from(Map.of());
        assertTrue(settings.embeddedDatabase());
        assertEquals(Path.of("data"), settings.dataDirectory());
        assertEquals(Duration.ofSeconds(1), settings.writeDelay());
        assertEquals(500, settings.writeBatchSize());
        assertEquals(1, settings.backupCount());
        assertEquals(Duration.ofSeconds(600), settings.backupQueueRetention());
        assertTrue(settings.bounds(CacheMap.MESSAGES).bounded());
        assertFalse(settings.bounds(CacheMap.MEMBERS).bounded());
    }

    @Test
    void badNumber_namesTheVariable() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_WRITE_BATCH_SIZE", "lots")));
        assertEquals("DCACHE_WRITE_BATCH_SIZE must be a whole number, got 'lots'", error.getMessage());
    }

    @Test
    void numberBelowMinimum_namesTheVariableAndTheMinimum() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_WRITE_DELAY_SECONDS", "0")));
        assertEquals("DCACHE_WRITE_DELAY_SECONDS must be at least 1, got 0", error.getMessage());
    }

    @Test
    void badEvictionPolicyAndBoolean_nameTheVariable() {
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_EVICTION_POLICY", "RANDOM"))).getMessage()
                .startsWith("DCACHE_EVICTION_POLICY must be LRU or LFU"));
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_MESSAGES_PERSIST", "maybe"))).getMessage()
                .startsWith("DCACHE_MESSAGES_PERSIST must be true or false"));
    }

    @Test
    void passwordFile_isReadAndNeverDescribed(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), "s3cret\n");
        NodeSettings settings = NodeSettings.from(Map.of("DCACHE_JDBC_URL", "jdbc:postgresql://db/cache",
                "DCACHE_DB_PASSWORD_FILE", file.toString()));
        assertEquals("s3cret", settings.dbPassword());
        assertFalse(settings.describe().contains("s3cret"));
        assertFalse(settings.toString().contains("s3cret"));
    }

    @Test
    void passwordInUrl_isRedacted() {
        NodeSettings settings = NodeSettings.from(Map.of("DCACHE_JDBC_URL",
                "jdbc:postgresql://db/cache?user=bot&password=hunter2&ssl=true"));
        assertFalse(settings.describe().contains("hunter2"), settings.describe());
    }

    @Test
    void bothPasswordSettings_areRefused() {
        assertThrows(InvalidSettingException.class, () -> NodeSettings.from(
                Map.of("DCACHE_DB_PASSWORD", "a", "DCACHE_DB_PASSWORD_FILE", "/nonexistent")));
    }

    @Test
    void mapBounds_perMapVariables() {
        NodeSettings settings = NodeSettings.from(Map.of("DCACHE_MEMBERS_MAX_PER_NODE", "100000",
                "DCACHE_PRESENCES_MAX_HEAP_PERCENT", "20"));
        assertEquals(new NodeSettings.MapBounds(100_000, 0), settings.bounds(CacheMap.MEMBERS));
        assertEquals(new NodeSettings.MapBounds(0, 20), settings.bounds(CacheMap.PRESENCES));
        assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_USERS_MAX_HEAP_PERCENT", "101")));
    }

    @Test
    void portOutOfRange_namesTheVariableAndTheRange() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_PORT", "99999")));
        assertEquals("DCACHE_PORT must be between 1 and 65535, got 99999", error.getMessage());
    }

    @Test
    void jdbcUrlOfAnotherDatabase_isRefusedWithoutItsPassword() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_JDBC_URL", "mysql://db/cache?password=hunter2")));
        assertTrue(error.getMessage().startsWith("DCACHE_JDBC_URL must be a PostgreSQL JDBC URL"), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void misspelledVariables_areRefusedByNameWithTheClosestSetting() {
        InvalidSettingException one = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_MEMBER_MAX_PER_NODE", "5")));
        assertEquals("Unknown setting DCACHE_MEMBER_MAX_PER_NODE (did you mean DCACHE_MEMBERS_MAX_PER_NODE?); unset "
                + "it or correct the name (the README lists every DCACHE_ variable)", one.getMessage());
        InvalidSettingException two = assertThrows(InvalidSettingException.class,
                () -> NodeSettings.from(Map.of("DCACHE_FOO_MAX_PER_NODE", "5", "DCACHE_WRITE_DELAY", "2")));
        assertTrue(two.getMessage().startsWith("Unknown settings DCACHE_FOO_MAX_PER_NODE (did you mean "),
                two.getMessage());
        assertTrue(two.getMessage().contains("DCACHE_WRITE_DELAY (did you mean DCACHE_WRITE_DELAY_SECONDS?)"),
                two.getMessage());
    }

    @Test
    void reservedAndForeignVariables_areLeftAlone() {
        NodeSettings settings = NodeSettings.from(Map.of("DCACHE_TEST_JDBC_URL", "x", "DCACHE_BENCH_NODE_HEAP", "4g",
                "PATH", "/usr/bin", "DCACHE_PORT", "5801"));
        assertEquals(5801, settings.port());
    }

    @Test
    void crossFieldChecks_nameBothVariables() {
        InvalidSettingException pool = assertThrows(InvalidSettingException.class, () -> NodeSettings.from(
                Map.of("DCACHE_DB_POOL_SIZE", "4", "DCACHE_WRITE_PARALLELISM", "4")));
        assertTrue(pool.getMessage().startsWith("DCACHE_WRITE_PARALLELISM (4) must be less than DCACHE_DB_POOL_SIZE "
                + "(4)"), pool.getMessage());
        InvalidSettingException invalidations = assertThrows(InvalidSettingException.class, () -> NodeSettings.from(
                Map.of("DCACHE_INVALIDATION_BATCH_MS", "50", "DCACHE_INVALIDATION_TICK_MS", "50")));
        assertTrue(invalidations.getMessage().startsWith("DCACHE_INVALIDATION_BATCH_MS (50) must be shorter than "
                + "DCACHE_INVALIDATION_TICK_MS (50)"), invalidations.getMessage());
        InvalidSettingException retention = assertThrows(InvalidSettingException.class, () -> NodeSettings.from(
                Map.of("DCACHE_WRITE_DELAY_SECONDS", "30", "DCACHE_BACKUP_QUEUE_RETENTION_SECONDS", "20")));
        assertTrue(retention.getMessage().startsWith("DCACHE_BACKUP_QUEUE_RETENTION_SECONDS (20) must be longer than "
                + "DCACHE_WRITE_DELAY_SECONDS (30)"), retention.getMessage());
    }

    @Test
    void constructor_validatesAsFromDoes() {
        NodeSettings defaults = NodeSettings.from(Map.of());
        InvalidSettingException error = assertThrows(InvalidSettingException.class, () -> new NodeSettings(
                defaults.jdbcUrl(), defaults.dbUser(), defaults.dbPassword(), defaults.dbPoolSize(),
                defaults.dataDirectory(), defaults.clusterName(), defaults.members(), 0, defaults.bindInterface(),
                defaults.initialMinClusterSize(), defaults.partitionCount(), defaults.backupCount(),
                defaults.writeDelay(), defaults.writeBatchSize(), defaults.writeParallelism(),
                defaults.backupQueueRetention(), defaults.storeMaxBackoff(), defaults.loadRetryTimeout(),
                defaults.loadReadAhead(), defaults.shutdownFlushTimeout(), defaults.persistMessages(),
                defaults.messageTtl(), defaults.messagesPerChannel(), defaults.invalidationWindow(),
                defaults.invalidationTick(), defaults.evictionPolicy(), defaults.bounds(),
                defaults.hazelcastConfigFile()));
        assertEquals("DCACHE_PORT must be between 1 and 65535, got 0", error.getMessage());
    }

    @Test
    void missingHazelcastConfigFile_isRefusedByName(@TempDir Path temp) {
        InvalidSettingException error = assertThrows(InvalidSettingException.class, () -> NodeSettings.from(
                Map.of("DCACHE_HAZELCAST_CONFIG", temp.resolve("absent.yaml").toString())));
        assertTrue(error.getMessage().startsWith("DCACHE_HAZELCAST_CONFIG names "), error.getMessage());
    }
}
