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
        assertEquals(Duration.ofMillis(250), config.invalidationGrace());
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
    void withoutNearCaches_turnsEveryMapOff_andALaterNearCacheBackOn() {
        DiscordCacheConfig config = DiscordCacheConfig.builder().nearCache(CacheMap.USERS, 10, Duration.ofMinutes(1))
                .withoutNearCaches().nearCache(CacheMap.GUILDS, 5, Duration.ofMinutes(1)).build();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            assertEquals(map == CacheMap.GUILDS ? 5 : 0, config.nearCache(map).maximumSize(), map.name());
        }
    }

    @Test
    void impossibleValues_areRefusedByName() {
        assertEquals("invalidationGrace must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().invalidationGrace(Duration.ZERO)).getMessage());
        assertEquals("connectTimeout must be positive, got PT-1S", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().connectTimeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("maximumSize must not be negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> DiscordCacheConfig.builder().nearCache(CacheMap.USERS, -1, Duration.ofMinutes(1)))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscordCacheConfig.builder().addresses());
    }
}
