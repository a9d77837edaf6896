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
}
