package discordcache.client;

import discordcache.model.CacheMap;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a bot or gateway connects to the cache cluster. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * DiscordCacheConfig config = DiscordCacheConfig.builder()
 *         .clusterName("discord-cache")
 *         .addresses("10.0.0.5:5701", "10.0.0.6:5701")
 *         .nearCache(CacheMap.MEMBERS, 500_000, Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 */
public final class DiscordCacheConfig {
    /**
     * The near cache of one entity map.
     *
     * @param maximumSize the most entries kept (zero turns the near cache of this map off)
     * @param timeToLive  how long an entry is kept at most, the backstop for lost invalidations
     */
    public record NearCacheSettings(long maximumSize, Duration timeToLive) {
        public NearCacheSettings {
            if (maximumSize < 0) {
                throw new IllegalArgumentException("maximumSize must not be negative, got " + maximumSize);
            }
            Objects.requireNonNull(timeToLive, "timeToLive is null");
            if (timeToLive.isNegative() || timeToLive.isZero()) {
                throw new IllegalArgumentException("timeToLive must be positive, got " + timeToLive);
            }
        }
    }

    private static final NearCacheSettings DEFAULT_NEAR_CACHE = new NearCacheSettings(100_000, Duration.ofMinutes(5));
    private static final NearCacheSettings NO_NEAR_CACHE = new NearCacheSettings(0, Duration.ofMinutes(5));

    private final String clusterName;
    private final List<String> addresses;
    private final Duration connectTimeout;
    private final Duration invalidationGrace;
    private final Map<String, NearCacheSettings> nearCaches;
    private final boolean nearCachesByDefault;

    private DiscordCacheConfig(Builder builder) {
        this.clusterName = builder.clusterName;
        this.addresses = List.copyOf(builder.addresses);
        this.connectTimeout = builder.connectTimeout;
        this.invalidationGrace = builder.invalidationGrace;
        this.nearCaches = Map.copyOf(builder.nearCaches);
        this.nearCachesByDefault = builder.nearCachesByDefault;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String clusterName() {
        return clusterName;
    }

    public List<String> addresses() {
        return addresses;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long a missing invalidation may take to arrive before the near cache drops the entries of its partition;
     * also how long the near caches wait, after every member reported at the start or after a reconnect, before
     * they serve.
     */
    public Duration invalidationGrace() {
        return invalidationGrace;
    }

    /** The near cache settings of a map (100,000 entries and 5 minutes unless set or turned off). */
    public NearCacheSettings nearCache(CacheMap<?, ?> map) {
        return nearCaches.getOrDefault(map.name(), nearCachesByDefault ? DEFAULT_NEAR_CACHE : NO_NEAR_CACHE);
    }

    /** Builds a {@link DiscordCacheConfig}; every setting has a default for a local single node. */
    public static final class Builder {
        private String clusterName = "discord-cache";
        private List<String> addresses = List.of("127.0.0.1:5701");
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration invalidationGrace = Duration.ofMillis(250);
        private final Map<String, NearCacheSettings> nearCaches = new HashMap<>();
        private boolean nearCachesByDefault = true;

        private Builder() {
        }

        /** The cluster name of the cache nodes ({@code DCACHE_CLUSTER_NAME}); default {@code discord-cache}. */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName is null");
            return this;
        }

        /** Member addresses to connect to ({@code host:port}); default {@code 127.0.0.1:5701}. */
        public Builder addresses(String... addresses) {
            if (addresses.length == 0) {
                throw new IllegalArgumentException("addresses must name at least one member");
            }
            this.addresses = List.of(addresses);
            return this;
        }

        /** How long connecting may take before it fails; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long a missing invalidation may take to arrive before the entries of its partition are dropped (a
         * partition's changes can arrive out of order for a moment while it moves between members); default 250 ms.
         * Shorter drops more entries during migrations; longer serves an entry whose invalidation was lost longer.
         */
        public Builder invalidationGrace(Duration invalidationGrace) {
            this.invalidationGrace = positive(invalidationGrace, "invalidationGrace");
            return this;
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " is null");
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
            return duration;
        }

        /**
         * Turns every near cache off, for a gateway: it writes and reads little back, so it subscribes to no
         * invalidation stream and every read goes to the cluster. A {@link #nearCache} set afterwards turns that one
         * back on.
         */
        public Builder withoutNearCaches() {
            nearCaches.clear();
            nearCachesByDefault = false;
            return this;
        }

        /** The near cache of one map: size 0 turns it off. */
        public Builder nearCache(CacheMap<?, ?> map, long maximumSize, Duration timeToLive) {
            nearCaches.put(map.name(), new NearCacheSettings(maximumSize, timeToLive));
            return this;
        }

        public DiscordCacheConfig build() {
            return new DiscordCacheConfig(this);
        }
    }
}
