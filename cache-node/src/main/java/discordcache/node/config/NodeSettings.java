package discordcache.node.config;

import com.hazelcast.config.EvictionPolicy;
import discordcache.model.CacheMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cache node's settings, read from environment variables (see the README's configuration reference).
 * Every setting has a default that gives a working single node. The constructor checks every value, alone and
 * against the others, and {@link #from(Map)} also refuses every {@code DCACHE_} variable it does not know, so that a
 * misspelled setting is never silently ignored; either fails with an {@link InvalidSettingException} that names the
 * variable, before anything starts. Variables under {@code DCACHE_TEST_} and {@code DCACHE_BENCH_} belong to the
 * test suite and the benchmarks, and are left alone.
 *
 * @param jdbcUrl                     the PostgreSQL JDBC URL; empty = run an embedded PostgreSQL in the data directory
 * @param dbUser                      the PostgreSQL user
 * @param dbPassword                  the PostgreSQL password (never printed)
 * @param dbPoolSize                  the maximum number of PostgreSQL connections
 * @param dataDirectory               where the embedded PostgreSQL and the spill journal live
 * @param clusterName                 the Hazelcast cluster name; nodes and clients must use the same
 * @param members                     the addresses of the other members (host or host:port)
 * @param port                        the member port (the next free one above it is taken if it is busy)
 * @param bindInterface               the interface to bind to (for example 10.0.0.*), or empty for all
 * @param initialMinClusterSize       the members to wait for before loading from PostgreSQL
 * @param partitionCount              Hazelcast partitions; every member of a cluster must have the same
 * @param backupCount                 synchronous backups of every entry
 * @param writeDelay                  how long a change waits before it is written to PostgreSQL
 * @param writeBatchSize              the most rows Hazelcast hands to one store call
 * @param writeParallelism            how many connections one store call's rows are split across
 * @param backupQueueRetention        how long a backup keeps queued writes after they were due
 * @param storeMaxBackoff             the longest wait between two attempts of a failing write
 * @param loadRetryTimeout            how long a read from PostgreSQL retries before it fails
 * @param loadReadAhead               the most rows a starting node holds ahead of their partitions' load (zero =
 *                                    read every value by key)
 * @param shutdownFlushTimeout        how long a stopping node waits for PostgreSQL before spilling to the journal
 * @param persistMessages             whether messages are written to PostgreSQL
 * @param messageTtl                  how long a message stays in memory after its last write (zero = no limit)
 * @param messagesPerChannel          the most messages a channel keeps in memory (zero = no limit)
 * @param invalidationWindow          the longest a change waits on its member to be batched with others before its
 *                                    invalidation goes to the near caches
 * @param invalidationTick            how often a member reports its partitions' invalidation sequences
 * @param evictionPolicy              which entries leave memory first when a map is full
 * @param bounds                      the memory bounds of each map
 * @param hazelcastConfigFile         an optional Hazelcast YAML file for everything else
 */
public record NodeSettings(String jdbcUrl, String dbUser, String dbPassword, int dbPoolSize, Path dataDirectory,
                           String clusterName, List<String> members, int port, String bindInterface,
                           int initialMinClusterSize, int partitionCount, int backupCount, Duration writeDelay, int writeBatchSize,
                           int writeParallelism, Duration backupQueueRetention, Duration storeMaxBackoff, Duration loadRetryTimeout,
                           int loadReadAhead, Duration shutdownFlushTimeout, boolean persistMessages, Duration messageTtl,
                           int messagesPerChannel, Duration invalidationWindow, Duration invalidationTick,
                           EvictionPolicy evictionPolicy, Map<String, MapBounds> bounds,
                           Optional<Path> hazelcastConfigFile) {

    public NodeSettings {
        requireNonNull(jdbcUrl, "JDBC_URL");
        if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException(PREFIX + "JDBC_URL must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:5432/database), or empty for the embedded PostgreSQL; got '"
                    + redactUrl(jdbcUrl) + "'");
        }
        requireNonNull(dbUser, "DB_USER");
        requireNonNull(dbPassword, "DB_PASSWORD");
        atLeast("DB_POOL_SIZE", dbPoolSize, 2);
        requireNonNull(dataDirectory, "DATA_DIR");
        requireNonNull(clusterName, "CLUSTER_NAME");
        if (clusterName.isBlank()) {
            throw new InvalidSettingException(PREFIX + "CLUSTER_NAME must not be empty");
        }
        members = List.copyOf(requireNonNull(members, "MEMBERS"));
        if (members.isEmpty()) {
            throw new InvalidSettingException(PREFIX + "MEMBERS must name at least one member (host or host:port)");
        }
        between("PORT", port, 1, 65_535);
        requireNonNull(bindInterface, "INTERFACE");
        atLeast("INITIAL_MIN_CLUSTER_SIZE", initialMinClusterSize, 1);
        between("PARTITION_COUNT", partitionCount, 1, 10_000);
        // Hazelcast refuses more than six backups.
        between("BACKUP_COUNT", backupCount, 0, 6);
        atLeast("WRITE_DELAY_SECONDS", requireNonNull(writeDelay, "WRITE_DELAY_SECONDS").toSeconds(), 1);
        atLeast("WRITE_BATCH_SIZE", writeBatchSize, 1);
        atLeast("WRITE_PARALLELISM", writeParallelism, 1);
        if (writeParallelism >= dbPoolSize) {
            throw new InvalidSettingException(PREFIX + "WRITE_PARALLELISM (" + writeParallelism + ") must be less than "
                    + PREFIX + "DB_POOL_SIZE (" + dbPoolSize + "): a batch split across every connection leaves none "
                    + "for the other maps' writes and for reads; raise the pool or lower the parallelism");
        }
        atLeast("BACKUP_QUEUE_RETENTION_SECONDS",
                requireNonNull(backupQueueRetention, "BACKUP_QUEUE_RETENTION_SECONDS").toSeconds(), 10);
        if (backupQueueRetention.compareTo(writeDelay) <= 0) {
            throw new InvalidSettingException(PREFIX + "BACKUP_QUEUE_RETENTION_SECONDS ("
                    + backupQueueRetention.toSeconds() + ") must be longer than " + PREFIX + "WRITE_DELAY_SECONDS ("
                    + writeDelay.toSeconds() + "): a backup would drop queued writes before they are due");
        }
        atLeast("STORE_MAX_BACKOFF_MS", requireNonNull(storeMaxBackoff, "STORE_MAX_BACKOFF_MS").toMillis(), 10);
        atLeast("LOAD_RETRY_TIMEOUT_SECONDS",
                requireNonNull(loadRetryTimeout, "LOAD_RETRY_TIMEOUT_SECONDS").toSeconds(), 0);
        atLeast("LOAD_READ_AHEAD", loadReadAhead, 0);
        atLeast("SHUTDOWN_FLUSH_TIMEOUT_SECONDS",
                requireNonNull(shutdownFlushTimeout, "SHUTDOWN_FLUSH_TIMEOUT_SECONDS").toSeconds(), 0);
        atLeast("MESSAGES_TTL_SECONDS", requireNonNull(messageTtl, "MESSAGES_TTL_SECONDS").toSeconds(), 0);
        atLeast("MESSAGES_PER_CHANNEL", messagesPerChannel, 0);
        atLeast("INVALIDATION_BATCH_MS", requireNonNull(invalidationWindow, "INVALIDATION_BATCH_MS").toMillis(), 0);
        atLeast("INVALIDATION_TICK_MS", requireNonNull(invalidationTick, "INVALIDATION_TICK_MS").toMillis(), 10);
        if (invalidationWindow.compareTo(invalidationTick) >= 0) {
            throw new InvalidSettingException(PREFIX + "INVALIDATION_BATCH_MS (" + invalidationWindow.toMillis()
                    + ") must be shorter than " + PREFIX + "INVALIDATION_TICK_MS (" + invalidationTick.toMillis()
                    + "): a batch held past a tick would read as lost and drop near-cached partitions");
        }
        requireNonNull(evictionPolicy, "EVICTION_POLICY");
        bounds = Map.copyOf(requireNonNull(bounds, "bounds"));
        for (CacheMap<?, ?> map : CacheMap.all()) {
            MapBounds bound = bounds.get(map.name());
            if (bound == null) {
                throw new InvalidSettingException("No memory bounds for the map " + map.name());
            }
            String name = map.name().toUpperCase(Locale.ROOT);
            atLeast(name + "_MAX_PER_NODE", bound.maxEntriesPerNode(), 0);
            between(name + "_MAX_HEAP_PERCENT", bound.maxHeapPercent(), 0, 100);
        }
        requireNonNull(hazelcastConfigFile, "HAZELCAST_CONFIG").ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new InvalidSettingException(PREFIX + "HAZELCAST_CONFIG names " + file.toAbsolutePath()
                        + ", which is not a readable file");
            }
        });
    }

    /**
     * How much of one map a node keeps in memory; evicted entries stay in PostgreSQL and are read back on a get.
     *
     * @param maxEntriesPerNode the most entries per node (zero = no limit)
     * @param maxHeapPercent    the most share of the heap the map may use (zero = no limit)
     */
    public record MapBounds(int maxEntriesPerNode, int maxHeapPercent) {
        public boolean bounded() {
            return maxEntriesPerNode > 0 || maxHeapPercent > 0;
        }
    }

    public static final String PREFIX = "DCACHE_";

    /**
     * Hazelcast partitions by default. A partition is the unit of migration and of the per-node bounds, and the
     * guild-scoped data of a guild shares one; see the README for why this number.
     */
    public static final int DEFAULT_PARTITION_COUNT = 271;
    /** Messages a channel keeps in memory by default. */
    public static final int DEFAULT_MESSAGES_PER_CHANNEL = 1_000;

    /** The settings of this process's environment. */
    public static NodeSettings fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The settings in {@code env}, a map of environment variable names to values.
     *
     * @throws InvalidSettingException when a value cannot be used, or a {@code DCACHE_} variable is not a setting
     */
    public static NodeSettings from(Map<String, String> env) {
        Reader read = new Reader(env, new HashSet<>());
        Map<String, MapBounds> bounds = new LinkedHashMap<>();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            String name = map.name().toUpperCase(Locale.ROOT);
            int defaultMax = map == CacheMap.MESSAGES ? 1_000_000 : 0;
            bounds.put(map.name(), new MapBounds(read.integer(name + "_MAX_PER_NODE", defaultMax),
                    read.integer(name + "_MAX_HEAP_PERCENT", 0)));
        }
        String password = read.text("DB_PASSWORD", "");
        Optional<Path> passwordFile = read.path("DB_PASSWORD_FILE");
        if (passwordFile.isPresent()) {
            if (!password.isEmpty()) {
                throw new InvalidSettingException("Set either " + PREFIX + "DB_PASSWORD or " + PREFIX
                        + "DB_PASSWORD_FILE, not both");
            }
            password = readPasswordFile(passwordFile.get());
        }
        NodeSettings settings = new NodeSettings(
                read.text("JDBC_URL", ""),
                read.text("DB_USER", "postgres"),
                password,
                read.integer("DB_POOL_SIZE", 24),
                read.path("DATA_DIR").orElse(Path.of("data")),
                read.text("CLUSTER_NAME", "discord-cache"),
                read.list("MEMBERS", List.of("127.0.0.1")),
                read.integer("PORT", 5701),
                read.text("INTERFACE", ""),
                read.integer("INITIAL_MIN_CLUSTER_SIZE", 1),
                read.integer("PARTITION_COUNT", DEFAULT_PARTITION_COUNT),
                read.integer("BACKUP_COUNT", 1),
                Duration.ofSeconds(read.integer("WRITE_DELAY_SECONDS", 1)),
                read.integer("WRITE_BATCH_SIZE", 500),
                read.integer("WRITE_PARALLELISM", 2),
                Duration.ofSeconds(read.integer("BACKUP_QUEUE_RETENTION_SECONDS", 600)),
                Duration.ofMillis(read.integer("STORE_MAX_BACKOFF_MS", 5_000)),
                Duration.ofSeconds(read.integer("LOAD_RETRY_TIMEOUT_SECONDS", 60)),
                read.integer("LOAD_READ_AHEAD", 250_000),
                Duration.ofSeconds(read.integer("SHUTDOWN_FLUSH_TIMEOUT_SECONDS", 30)),
                read.bool("MESSAGES_PERSIST", true),
                Duration.ofSeconds(read.integer("MESSAGES_TTL_SECONDS", 0)),
                read.integer("MESSAGES_PER_CHANNEL", DEFAULT_MESSAGES_PER_CHANNEL),
                Duration.ofMillis(read.integer("INVALIDATION_BATCH_MS", 5)),
                Duration.ofMillis(read.integer("INVALIDATION_TICK_MS", 1_000)),
                read.evictionPolicy("EVICTION_POLICY", EvictionPolicy.LRU),
                bounds,
                read.path("HAZELCAST_CONFIG"));
        read.refuseUnknown();
        return settings;
    }

    /** Whether the node runs its own PostgreSQL in the data directory. */
    public boolean embeddedDatabase() {
        return jdbcUrl.isEmpty();
    }

    /** The bounds of one map. */
    public MapBounds bounds(CacheMap<?, ?> map) {
        return bounds.get(map.name());
    }

    /** The effective settings, one per line, without the password. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("database: " + (embeddedDatabase() ? "embedded PostgreSQL in " + dataDirectory.resolve("postgres")
                : redactUrl(jdbcUrl) + " as " + dbUser + (dbPassword.isEmpty() ? " (no password)" : " (password set)")));
        lines.add("pool size: " + dbPoolSize);
        lines.add("data directory: " + dataDirectory.toAbsolutePath());
        lines.add("cluster: " + clusterName + ", members " + members + ", port " + port
                + (bindInterface.isEmpty() ? "" : ", interface " + bindInterface)
                + ", initial min cluster size " + initialMinClusterSize + ", " + partitionCount + " partitions");
        lines.add("backups: " + backupCount + ", backup write queues kept " + backupQueueRetention.toSeconds() + " s");
        lines.add("write-behind: delay " + writeDelay.toSeconds() + " s, batch " + writeBatchSize + " over "
                + writeParallelism + " connections, retry backoff up to " + storeMaxBackoff.toMillis() + " ms");
        lines.add("initial load: up to " + loadReadAhead + " rows read ahead of their partitions");
        lines.add("shutdown: wait " + shutdownFlushTimeout.toSeconds() + " s for PostgreSQL, then spill to journal");
        lines.add("messages: " + (persistMessages ? "persisted" : "memory only")
                + (messagesPerChannel == 0 ? "" : ", " + messagesPerChannel + " per channel in memory")
                + (messageTtl.isZero() ? "" : ", ttl " + messageTtl.toSeconds() + " s"));
        lines.add("near-cache invalidations: batched up to " + invalidationWindow.toMillis() + " ms, sequences "
                + "reported every " + invalidationTick.toMillis() + " ms");
        bounds.forEach((map, bound) -> {
            if (bound.bounded()) {
                lines.add("bound " + map + ": " + (bound.maxEntriesPerNode() > 0
                        ? bound.maxEntriesPerNode() + " entries per node" : bound.maxHeapPercent() + "% of heap")
                        + " (" + evictionPolicy + ")");
            }
        });
        hazelcastConfigFile.ifPresent(file -> lines.add("hazelcast config: " + file));
        return String.join(System.lineSeparator(), lines);
    }

    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String readPasswordFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidSettingException(PREFIX + "DB_PASSWORD_FILE names " + file + ", which cannot be read: "
                    + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new InvalidSettingException(PREFIX + name + " must not be null");
        }
        return value;
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidSettingException(PREFIX + name + " must be at least " + min + ", got " + value);
        }
    }

    private static void between(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(PREFIX + name + " must be between " + min + " and " + max + ", got "
                    + value);
        }
    }

    /**
     * Reads and checks one variable at a time, naming it in every error, and remembers which it read so that the
     * others can be refused.
     */
    private record Reader(Map<String, String> env, Set<String> known) {
        private static final List<String> RESERVED = List.of(PREFIX + "TEST_", PREFIX + "BENCH_");

        private String raw(String name) {
            known.add(PREFIX + name);
            String value = env.get(PREFIX + name);
            return value == null ? null : value.strip();
        }

        String text(String name, String defaultValue) {
            String value = raw(name);
            return value == null ? defaultValue : value;
        }

        int integer(String name, int defaultValue) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(PREFIX + name + " must be a whole number, got '" + value + "'");
            }
        }

        boolean bool(String name, boolean defaultValue) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new InvalidSettingException(PREFIX + name + " must be true or false, got '" + value
                        + "'");
            };
        }

        Optional<Path> path(String name) {
            String value = raw(name);
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
        }

        List<String> list(String name, List<String> defaultValue) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                return defaultValue;
            }
            return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        /** Refuses every {@code DCACHE_} variable no setting read, naming the setting it is closest to. */
        void refuseUnknown() {
            List<String> unknown = env.keySet().stream()
                    .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
                    .filter(name -> RESERVED.stream().noneMatch(name::startsWith))
                    .sorted()
                    .toList();
            if (unknown.isEmpty()) {
                return;
            }
            List<String> described = unknown.stream().map(name -> name + " (did you mean "
                    + closest(name) + "?)").toList();
            throw new InvalidSettingException((unknown.size() == 1 ? "Unknown setting " : "Unknown settings ")
                    + String.join(", ", described) + "; unset " + (unknown.size() == 1 ? "it" : "them")
                    + " or correct the name (the README lists every DCACHE_ variable)");
        }

        /** The setting {@code name} begins (a unit left off), else the one fewest edits away. */
        private String closest(String name) {
            return known.stream().filter(candidate -> candidate.startsWith(name))
                    .min(Comparator.comparingInt(String::length))
                    .orElseGet(() -> closestByEdits(name));
        }

        private String closestByEdits(String name) {
            return known.stream().min(Comparator.comparingInt((String candidate) -> distance(name, candidate))
                    .thenComparing(Comparator.naturalOrder())).orElseThrow();
        }

        /** The Levenshtein distance: how many characters to insert, delete or replace to turn one into the other. */
        private static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }

        EvictionPolicy evictionPolicy(String name, EvictionPolicy defaultValue) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.toUpperCase(Locale.ROOT)) {
                case "LRU" -> EvictionPolicy.LRU;
                case "LFU" -> EvictionPolicy.LFU;
                default -> throw new InvalidSettingException(PREFIX + name + " must be LRU or LFU, got '" + value + "'");
            };
        }
    }
}
