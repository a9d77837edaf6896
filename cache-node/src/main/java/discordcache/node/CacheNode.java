package discordcache.node;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.node.config.ClusterConfig;
import discordcache.node.config.NodeSettings;
import discordcache.node.database.Database;
import discordcache.node.store.Persistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private final NodeSettings settings;
    private final Database database;
    private final Persistence persistence;
    private final HazelcastInstance hazelcast;
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
        long started = System.nanoTime();
        Database database = Database.open(settings);
        try {
            migrateWhenReachable(database, settings.loadRetryTimeout());
            Persistence persistence = new Persistence(database.dataSource(),
                    settings.dataDirectory().resolve("journal"), settings.storeMaxBackoff(),
                    settings.loadRetryTimeout(), settings.writeParallelism());
            long replayed = persistence.replayJournal();
            if (replayed > 0) {
                LOG.info("Replayed {} rows that an earlier stop spilled to the journal", replayed);
            }
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(ClusterConfig.build(settings, persistence));
            // Terminated, not shut down: no write of this member may land after its backups took over.
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    persistence.stop();
                }
            });
            CacheNode node = new CacheNode(settings, database, persistence, hazelcast);
            node.loadMaps();
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
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot migrate the schema: PostgreSQL did not answer for "
                            + timeout.toSeconds() + " s (" + e.getMessage() + "). Check DCACHE_JDBC_URL, "
                            + "DCACHE_DB_USER and the password settings.", e);
                }
                LOG.warn("PostgreSQL is not reachable yet ({}); retrying", e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    // Touching an EAGER map blocks until it is loaded; queries see only what is in memory.
    private void loadMaps() {
        for (CacheMap<?, ?> map : CacheMap.all()) {
            long started = System.nanoTime();
            IMap<?, ?> imap = hazelcast.getMap(map.name());
            if (map != CacheMap.MESSAGES) {
                LOG.info("Loaded {}: {} entries in the cluster ({} ms)", map, imap.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
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
     * Stops the node without losing pending writes: flush; if PostgreSQL does not take them within the shutdown
     * flush timeout, spill them to the journal, which the next start replays; then leave the cluster gracefully.
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
        long pending = pendingWrites();
        Persistence.Stats before = persistence.stats();
        LOG.info("Stopping: flushing {} pending writes to PostgreSQL", pending);
        CompletableFuture<Void> flush = CompletableFuture.runAsync(this::flush);
        Duration timeout = settings.shutdownFlushTimeout();
        try {
            flush.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("PostgreSQL did not take the pending writes within {} s; spilling them to the journal",
                    timeout.toSeconds());
            persistence.spillToJournal();
            awaitQuietly(flush);
        } catch (ExecutionException e) {
            LOG.warn("Flushing before stop failed ({}); spilling what is left to the journal", e.getCause().toString());
            persistence.spillToJournal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            persistence.spillToJournal();
        }
        // A graceful shutdown hands this member's partitions, with their queued writes, to the other members;
        // what it still writes itself goes to PostgreSQL, or to the journal once spilling.
        hazelcast.shutdown();
        closeResources();
        Persistence.Stats after = persistence.stats();
        LOG.info("Stopped: {} rows written and {} deleted in PostgreSQL while stopping, {} rows spilled to the journal",
                after.rowsUpserted() - before.rowsUpserted(), after.rowsDeleted() - before.rowsDeleted(),
                after.rowsSpilled());
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

    private static void awaitQuietly(CompletableFuture<Void> flush) {
        try {
            flush.get();
        } catch (ExecutionException e) {
            LOG.warn("Flushing to the journal failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
