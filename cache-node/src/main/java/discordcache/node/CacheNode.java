package discordcache.node;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.wire.onnode.GuildIndex;
import discordcache.wire.onnode.GuildIndexUpdate;
import discordcache.node.config.ClusterConfig;
import discordcache.node.config.NodeSettings;
import discordcache.node.invalidation.InvalidationHub;
import discordcache.node.database.Database;
import discordcache.node.store.Persistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running cache node: a Hazelcast member whose entity maps are persisted to PostgreSQL.
 *
 * <pre>{@code
 * try (CacheNode node = CacheNode.start(NodeSettings.fromEnvironment())) {
 *     node.hazelcast().getMap(CacheMap.GUILDS.name());
 * }
 * }</pre>
 *
 * <p>Start: migrate the schema, replay any journal an earlier stop left, join the cluster, and load every map
 * but messages from PostgreSQL before returning. Stop ({@link #close()}): flush pending writes; if PostgreSQL
 * does not take them within the shutdown flush timeout, spill them to the journal; then leave the cluster
 * gracefully, handing this member's partitions to the others.
 */
public final class CacheNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheNode.class);
    private static final Duration STOP_PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final int INDEX_UPDATES_IN_FLIGHT = 256;
    /** How long the oldest member gathers reports of lost partitions before it rebuilds the guild index once. */
    private static final Duration LOST_PARTITIONS_GATHER = Duration.ofSeconds(2);

    private final NodeSettings settings;
    private final Database database;
    private final Persistence persistence;
    private final HazelcastInstance hazelcast;
    private final AtomicBoolean indexRebuildScheduled = new AtomicBoolean();
    private volatile boolean stopped;

    private CacheNode(NodeSettings settings, Database database, Persistence persistence, HazelcastInstance hazelcast) {
        this.settings = settings;
        this.database = database;
        this.persistence = persistence;
        this.hazelcast = hazelcast;
    }

    /** Starts a node and returns once it holds all of its data. */
    public static CacheNode start(NodeSettings settings) {
        LOG.info("Starting a cache node with:{}{}", System.lineSeparator(), settings.describe());
        if (settings.embeddedDatabase() && settings.members().size() > 1) {
            LOG.warn("The embedded PostgreSQL serves this node alone, but {} lists {} members: every node of a "
                    + "cluster must use the same PostgreSQL; set {}", NodeSettings.PREFIX + "MEMBERS",
                    settings.members().size(), NodeSettings.PREFIX + "JDBC_URL");
        }
        long started = System.nanoTime();
        Database database = Database.open(settings);
        try {
            migrateWhenReachable(database, settings.loadRetryTimeout());
            Persistence persistence = new Persistence(database.dataSource(),
                    settings.dataDirectory().resolve("journal"), settings.storeMaxBackoff(),
                    settings.loadRetryTimeout(), settings.writeParallelism(), settings.loadReadAhead());
            long replayed = persistence.replayJournal();
            if (replayed > 0) {
                LOG.info("Replayed {} rows that an earlier stop spilled to the journal", replayed);
            }
            Config config = ClusterConfig.build(settings, persistence);
            // It starts and stops with the member.
            InvalidationHub.install(config, settings.invalidationWindow(), settings.invalidationTick());
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
            // Once the member is down, gracefully or not, its store must stop retrying: after a crash the backups
            // own its writes, and none of its own may land after theirs.
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    persistence.stop();
                }
            });
            CacheNode node = new CacheNode(settings, database, persistence, hazelcast);
            node.listenForLostPartitions();
            warnWhenTheNodeBoundLimitsAChannel(settings, hazelcast.getCluster().getMembers().size());
            try {
                node.loadMaps();
            } catch (RuntimeException e) {
                // Nothing was written yet that the cluster does not also hold; a half-started member must not stay.
                hazelcast.getLifecycleService().terminate();
                throw e;
            }
            LOG.info("Cache node {} is ready in {} ms", hazelcast.getCluster().getLocalMember().getAddress(),
                    (System.nanoTime() - started) / 1_000_000);
            return node;
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException("Cannot replay the journal in " + settings.dataDirectory().resolve("journal")
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Hazelcast enforces a per-node bound per partition (the bound times the members, over the partitions), and a
     * channel's messages share one partition: a per-node bound below the per-channel one times the partitions over
     * the members cuts a busy channel below its per-channel bound.
     */
    private static void warnWhenTheNodeBoundLimitsAChannel(NodeSettings settings, int members) {
        int perNode = settings.bounds(CacheMap.MESSAGES).maxEntriesPerNode();
        long perPartition = (long) perNode * members / settings.partitionCount();
        if (perNode > 0 && settings.messagesPerChannel() > 0 && perPartition < settings.messagesPerChannel()) {
            LOG.warn("{} = {} keeps at most {} messages per partition with {} member(s) and {} partitions, fewer "
                    + "than {} = {}: a busy channel (whose messages share one partition) keeps only about {} in "
                    + "memory; raise the first to at least {}", NodeSettings.PREFIX + "MESSAGES_MAX_PER_NODE",
                    perNode, perPartition, members, settings.partitionCount(),
                    NodeSettings.PREFIX + "MESSAGES_PER_CHANNEL", settings.messagesPerChannel(), perPartition,
                    (long) settings.messagesPerChannel() * settings.partitionCount() / members);
        }
    }

    /** Runs the schema migrations alone, without starting a member. */
    public static void migrate(NodeSettings settings) {
        try (Database database = Database.open(settings)) {
            migrateWhenReachable(database, settings.loadRetryTimeout());
        }
    }

    private static void migrateWhenReachable(Database database, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                database.migrate();
                return;
            } catch (RuntimeException e) {
                if (!causedByDatabaseAccess(e)) {
                    // The migrations themselves are wrong (two of one version, a changed checksum): waiting won't help.
                    throw new IllegalStateException("Cannot migrate the schema: " + e.getMessage(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot migrate the schema after trying for " + timeout.toSeconds()
                            + " s (" + NodeSettings.PREFIX + "LOAD_RETRY_TIMEOUT_SECONDS): " + e.getMessage()
                            + ". If PostgreSQL is unreachable, check " + NodeSettings.PREFIX + "JDBC_URL, "
                            + NodeSettings.PREFIX + "DB_USER and the password settings.", e);
                }
                LOG.warn("PostgreSQL is not reachable yet ({}); retrying", e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private static boolean causedByDatabaseAccess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads the maps side by side. Touching an EAGER map blocks until it is loaded, and queries see only what is in
     * memory. Hazelcast notices the end of a load by polling, up to a second apart; loading the maps one after the
     * other would add those waits up. Each load streams its keys over a connection held until the stream ends, so
     * this node starts at most as many loads at once as half its pool, leaving the rest for the reads by key of
     * the same loads. (The streams run on the member that owns each map's name, which may be another member's
     * start that asked; with the default pool every map loads at once.)
     */
    private void loadMaps() {
        List<CacheMap<?, ?>> maps = CacheMap.all();
        int loaders = Math.max(1, Math.min(maps.size(), settings.dbPoolSize() / 2));
        ExecutorService pool = Executors.newFixedThreadPool(loaders, runnable -> {
            Thread thread = new Thread(runnable, "cache-node-initial-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> loads = maps.stream()
                    .map(map -> CompletableFuture.runAsync(() -> load(map), pool))
                    .toList();
            RuntimeException failure = null;
            for (CompletableFuture<Void> load : loads) {
                try {
                    load.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        persistence.endInitialLoad();
        rebuildGuildIndex();
    }

    private void load(CacheMap<?, ?> map) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("cache-node-load-" + map.name());
        try {
            long started = System.nanoTime();
            IMap<?, ?> imap = hazelcast.getMap(map.name());
            if (map != CacheMap.MESSAGES) {
                LOG.info("Loaded {}: {} entries in the cluster ({} ms)", map, imap.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            thread.setName(name);
        }
    }

    /**
     * After a full restart the guild index (which has no table) is rebuilt from the channels, threads, members and
     * presences tables, by every node that took part in the initial load: a node joining a running cluster loads
     * nothing and finds the index whole. Whether the index is empty does not tell: clients connect as soon as the
     * member is up, and what they write during the load adds its ids. Updates merge ids rather than replace them, so
     * those writes are kept, and nodes starting together may both rebuild it.
     */
    private void rebuildGuildIndex() {
        if (persistence.loadedAtStart()) {
            rebuildGuildIndex("the initial load");
        }
    }

    /** Merges every guild's ids as PostgreSQL holds them into the guild index. */
    private void rebuildGuildIndex(String why) {
        IMap<String, GuildIndex> index = hazelcast.getMap(GuildIndex.MAP_NAME);
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(INDEX_UPDATES_IN_FLIGHT);
        Map<String, Long> rows = new LinkedHashMap<>();
        List<CompletableFuture<?>> failures = new CopyOnWriteArrayList<>();
        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
            CacheMap<?, ?> map = switch (kind) {
                case CHANNELS -> CacheMap.CHANNELS;
                case THREADS -> CacheMap.THREADS;
                case MEMBERS -> CacheMap.MEMBERS;
                case PRESENCES -> CacheMap.PRESENCES;
            };
            rows.put(map.name(), persistence.forEachGuild(map, (guildId, ids) -> {
                inFlight.acquireUninterruptibly();
                index.submitToKey(GuildIndex.key(guildId), GuildIndexUpdate.add(kind, ids)).toCompletableFuture()
                        .whenComplete((done, failure) -> {
                            inFlight.release();
                            if (failure != null) {
                                failures.add(CompletableFuture.failedFuture(failure));
                            }
                        });
            }));
        }
        inFlight.acquireUninterruptibly(INDEX_UPDATES_IN_FLIGHT);
        inFlight.release(INDEX_UPDATES_IN_FLIGHT);
        if (!failures.isEmpty()) {
            failures.get(0).join();
        }
        LOG.info("Rebuilt the guild index after {} from {} ({} ms)", why, rows,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A partition whose owner and backups are all gone lost its entries and its part of the guild index (Hazelcast
     * reports it per map, once the map's backups are lost too; an owner's crash with a backup left loses nothing).
     * From then on this node's loaders read keys missing from memory from PostgreSQL again, and the oldest member
     * rebuilds the index, so queries answer what PostgreSQL holds. The partitions of one crash are reported one by
     * one, on every member: the oldest waits a moment and rebuilds once for all of them.
     */
    private void listenForLostPartitions() {
        for (CacheMap<?, ?> map : CacheMap.all()) {
            hazelcast.getMap(map.name()).addPartitionLostListener(event -> persistence.memoryLost("Partition "
                    + event.getPartitionId() + " of " + map + " lost its data with every backup"));
        }
        hazelcast.getMap(GuildIndex.MAP_NAME).addPartitionLostListener(event -> {
            if (hazelcast.getCluster().getMembers().iterator().next().localMember()
                    && indexRebuildScheduled.compareAndSet(false, true)) {
                Thread rebuild = new Thread(() -> {
                    try {
                        Thread.sleep(LOST_PARTITIONS_GATHER.toMillis());
                        indexRebuildScheduled.set(false);
                        rebuildGuildIndex("lost partitions (the last reported: " + event.getPartitionId() + ")");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.error("Cannot rebuild the guild index after partitions were lost: {}", e.getMessage(), e);
                    }
                }, "cache-node-index-rebuild");
                rebuild.setDaemon(true);
                rebuild.start();
            }
        });
    }

    /** The settings this node runs with. */
    public NodeSettings settings() {
        return settings;
    }

    /** The Hazelcast member. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** What this node has written to PostgreSQL, dead-lettered and spilled since it started. */
    public Persistence.Stats stats() {
        return persistence.stats();
    }

    /** Writes every pending change of this member to PostgreSQL and waits for it. */
    public void flush() {
        CacheMap.all().forEach(map -> hazelcast.getMap(map.name()).flush());
    }

    /**
     * Stops the node without losing pending writes. The last member of a cluster flushes them to PostgreSQL; a
     * member with peers hands them over with its partitions in Hazelcast's graceful shutdown. When the shutdown
     * flush timeout is over and PostgreSQL does not take writes (writes are failing, or it does not answer),
     * whatever this member still has to write goes to the journal, which the next start replays, so that stopping
     * during a database outage ends; while PostgreSQL takes them, the node keeps writing.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!hazelcast.getLifecycleService().isRunning()) {
            LOG.warn("The member is already down (terminated); closing the database connections only");
            closeResources();
            return;
        }
        Persistence.Stats before = persistence.stats();
        Duration timeout = settings.shutdownFlushTimeout();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-node-stop-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Spilling while PostgreSQL takes writes would only move them to this node's disk, where they wait for this
        // node's next start: a member that leaves for good (a scale-down) would take them along. The first probe
        // starts early enough that an unreachable PostgreSQL is known when the timeout is over.
        long spillAt = System.nanoTime() + timeout.toNanos();
        watchdog.scheduleWithFixedDelay(() -> {
            boolean takesWrites = persistence.takesWrites(STOP_PROBE_TIMEOUT);
            if (Thread.currentThread().isInterrupted()) {
                return; // the stop is over; an interrupted probe tells nothing
            }
            if (takesWrites) {
                LOG.info("Pending writes may outlast the flush timeout of {} s ({}); PostgreSQL takes them, so the "
                        + "node keeps writing", timeout.toSeconds(), NodeSettings.PREFIX + "SHUTDOWN_FLUSH_TIMEOUT_SECONDS");
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, spillAt - System.nanoTime()));
            } catch (InterruptedException e) {
                return;
            }
            LOG.warn("PostgreSQL did not take this member's pending writes within {} s ({}); spilling them to the "
                    + "journal", timeout.toSeconds(), NodeSettings.PREFIX + "SHUTDOWN_FLUSH_TIMEOUT_SECONDS");
            persistence.spillToJournal();
            watchdog.shutdown();
        }, Math.max(0, timeout.minus(STOP_PROBE_TIMEOUT).toMillis()), STOP_PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            long pending = pendingWrites();
            if (hazelcast.getCluster().getMembers().size() == 1) {
                LOG.info("Stopping: flushing {} pending writes to PostgreSQL", pending);
                flushWithin(timeout.plus(timeout));
            } else {
                LOG.info("Stopping: handing {} pending writes over to the other members with this member's partitions",
                        pending);
            }
            hazelcast.shutdown();
        } finally {
            watchdog.shutdownNow();
            closeResources();
        }
        Persistence.Stats after = persistence.stats();
        LOG.info("Stopped: {} rows written and {} deleted in PostgreSQL while stopping, {} rows spilled to the journal",
                after.rowsUpserted() - before.rowsUpserted(), after.rowsDeleted() - before.rowsDeleted(),
                after.rowsSpilled());
    }

    /** Flushes, waiting at most {@code limit}: by then the watchdog has sent what is left to the journal. */
    private void flushWithin(Duration limit) {
        CompletableFuture<Void> flush = CompletableFuture.runAsync(this::flush);
        try {
            flush.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The flush did not finish within {} s; the graceful shutdown writes what is left", limit.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("The flush failed ({}); the graceful shutdown writes what is left", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            persistence.spillToJournal();
        }
    }

    private void closeResources() {
        try {
            persistence.close();
        } catch (IOException e) {
            LOG.error("Cannot close the journal: {}", e.getMessage(), e);
        }
        database.close();
    }

    private long pendingWrites() {
        return CacheMap.all().stream()
                .mapToLong(map -> hazelcast.getMap(map.name()).getLocalMapStats().getDirtyEntryCount())
                .sum();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }
}
