package discordcache.client;

import discordcache.model.CacheMap;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiscordCacheConfigTest {
    @Test
    void defaults_localSingleNode() {
        DiscordCacheConfig config = DiscordCacheConfig.builder().build();
        assertEquals("discord-cache", config.clusterName());
        assertEquals(List.of("127.0.0.1:5701"), config.addresses());
        assertEquals(Duration.ofSeconds(5), config.trustGracePeriod());
        assertEquals(new DiscordCacheConfig.NearCacheSettings(100_000, Duration.ofMinutes(5)),
                config.nearCache(CacheMap.MEMBERS));
    }

    @Test
    void nearCachePerMap_overridesTheDefault() {
        DiscordCacheConfig config = DiscordCacheConfig.builder()
                .nearCache(CacheMap.MESSAGES, 0, Duration.ofSeconds(30)).build();
        assertEquals(0, config.nearCache(CacheMap.MESSAGES).maximumSize());
        assertEquals(100_000, config.nearCache(CacheMap.USERS).maximumSize());
    }

    @Test
    void impossibleValues_areRefusedByName() {
        assertEquals("trustGracePeriod must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().trustGracePeriod(Duration.ZERO)).getMessage());
        assertEquals("connectTimeout must be positive, got PT-1S", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().connectTimeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("maximumSize must not be negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().nearCache(CacheMap.USERS, -1, Duration.ofMinutes(1)))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscordCacheConfig.builder().addresses());
    }
}
