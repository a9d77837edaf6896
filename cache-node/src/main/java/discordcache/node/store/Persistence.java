package discordcache.node.store;

import com.hazelcast.map.MapStore;
import discordcache.model.CacheMap;
import discordcache.wire.onnode.PersistedIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Everything a cache node writes to and reads from PostgreSQL: the map stores of the entity maps, the retry
 * of transient failures, the dead letters, and the journal that pending writes are spilled to when the node
 * must stop while PostgreSQL is unreachable.
 *
 * <p>Guarantees, given the version-guarded statements of {@link EntityTable}:
 * <ul>
 *   <li>A write that fails for a transient reason (connection refused, timeout, failover, lack of resources)
 *       is retried here with capped exponential backoff until it lands, so a database outage neither drops an
 *       entry nor sends it through Hazelcast's own retry loop, which sleeps a second per entry.</li>
 *   <li>A row PostgreSQL refuses for its content is isolated by splitting its batch, written to the
 *       {@code dead_letters} table with its key, payload and error, and the rest of its batch lands.</li>
 *   <li>After {@link #spillToJournal()}, writes go to the local journal instead, including those waiting in a
 *       retry; {@link #replayJournal()} writes them to PostgreSQL at the next start.</li>
 * </ul>
 * Thread-safe.
 */
public final class Persistence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(30);
    private static final int MIN_ROWS_PER_CONNECTION = 100;

    private final Jdbi jdbi;
    private final Path journalDirectory;
    private final Duration maxBackoff;
    private final Duration loadRetryTimeout;
    private final int writeParallelism;
    private final ExecutorService writers;
    private final Map<String, EntityTable<?, ?>> tables;
    private final List<EntityMapStore<?, ?>> stores = new CopyOnWriteArrayList<>();
    private final Object retrySignal = new Object();
    private final Journal journal;
    private volatile boolean spilling;
    private volatile boolean stopped;

    private final AtomicLong rowsUpserted = new AtomicLong();
    private final AtomicLong rowsDeleted = new AtomicLong();
    private final AtomicLong rowsDeadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicInteger failingWrites = new AtomicInteger();
    private volatile long lastWrittenNanos;
    private volatile boolean loadedAtStart;
    private volatile boolean memoryLost;
    private final AtomicLong loadsAnsweredFromMemory = new AtomicLong();
    private final AtomicLong rowsFromReadAhead = new AtomicLong();
    private final AtomicLong rowsLoadedByKey = new AtomicLong();
    private final boolean readsAhead;
    private final AtomicInteger readAheadBudget;

    /**
     * @param dataSource       the PostgreSQL pool, already migrated
     * @param journalDirectory where spilled writes are kept until the next start
     * @param maxBackoff       the longest wait between two attempts of a failing write
     * @param loadRetryTimeout how long a load keeps retrying a transient failure before it fails
     * @param writeParallelism how many connections one batch is split across
     * @param readAhead        the most values the initial load holds ahead of their partitions' loadAll, across
     *                         all maps (a few hundred bytes each); beyond it, the key streams still read whole rows
     *                         but keep only the keys, and those values are read by key; 0 streams keys alone
     */
    public Persistence(DataSource dataSource, Path journalDirectory, Duration maxBackoff, Duration loadRetryTimeout,
                       int writeParallelism, int readAhead) {
        this.readsAhead = readAhead > 0;
        this.readAheadBudget = new AtomicInteger(readAhead);
        this.jdbi = Jdbi.create(dataSource);
        this.writeParallelism = writeParallelism;
        this.writers = Executors.newCachedThreadPool(daemonThreads("dcache-store-writer"));
        this.journalDirectory = journalDirectory;
        this.maxBackoff = maxBackoff;
        this.loadRetryTimeout = loadRetryTimeout;
        this.journal = new Journal(journalDirectory);
        this.tables = List.<EntityTable<?, ?>>of(new UsersTable(), new GuildsTable(), new MembersTable(),
                        new ChannelsTable(), new ThreadsTable(), new MessagesTable(), new PresencesTable(),
                        new UnavailableGuildsTable(), new ShardSessionsTable()).stream()
                .collect(Collectors.toUnmodifiableMap(EntityTable::name, Function.identity()));
    }

    /**
     * The write-behind store and loader of one entity map.
     *
     * @param memoryHoldsAll whether the map is loaded whole at start and never drops an entry: then, once this node
     *                       has started and as long as no partition was lost, its loader answers a key missing
     *                       from memory without asking PostgreSQL, which holds no more than memory does
     */
    public <K, V> MapStore<K, V> mapStore(CacheMap<K, V> map, boolean memoryHoldsAll) {
        EntityMapStore<K, V> store = new EntityMapStore<>(this, table(map), memoryHoldsAll);
        stores.add(store);
        return store;
    }

    /**
     * Tells the loaders that memory may have lost entries that PostgreSQL still holds (a partition lost every copy):
     * from now on they read every key missing from memory from PostgreSQL, until the node restarts.
     */
    public void memoryLost(String reason) {
        if (!memoryLost) {
            memoryLost = true;
            LOG.warn("{}: from now on, keys missing from memory are read from PostgreSQL in every map (restart the "
                    + "cluster to load everything into memory again)", reason);
        }
    }

    /** Whether memory may have lost entries since this node started; see {@link #memoryLost}. */
    boolean isMemoryLost() {
        return memoryLost;
    }

    /**
     * Tells the map stores that the node's start is over: the rows they read ahead for the initial load and
     * that no partition took are dropped, and later key streams (an explicit {@code IMap.loadAll}) read keys
     * alone.
     */
    public void endInitialLoad() {
        long dropped = stores.stream().mapToLong(EntityMapStore::endInitialLoad).sum();
        LOG.info("Initial load: {} values taken from the key streams, {} read by key, {} read ahead for partitions "
                + "that did not ask for them", rowsFromReadAhead.get(), rowsLoadedByKey.get(), dropped);
    }

    /** Counts the keys a loader answered as missing without asking PostgreSQL. */
    void countAnsweredFromMemory(int keys) {
        loadsAnsweredFromMemory.addAndGet(keys);
    }

    /** Counts the values a loadAll answered: taken from the initial load's key stream, and read by key. */
    void countLoaded(int fromReadAhead, int byKey, boolean atStart) {
        if (atStart) {
            loadedAtStart = true;
        }
        rowsFromReadAhead.addAndGet(fromReadAhead);
        rowsLoadedByKey.addAndGet(byKey);
    }

    /**
     * Whether this node loaded rows for a map's initial load: it took part in a cluster's start, rather than
     * joining a running cluster, whose data migrates to it.
     */
    public boolean loadedAtStart() {
        return loadedAtStart;
    }

    /** Whether the initial load's key streams read whole rows to hold values ahead of their loadAll. */
    boolean readsAhead() {
        return readsAhead;
    }

    /**
     * Takes room for one value read ahead of its partition's loadAll. The budget is the node's, shared by the
     * maps that load at once; while it is spent, values that stream by are not kept and are read by key.
     */
    boolean reserveReadAhead() {
        return readAheadBudget.getAndUpdate(room -> room > 0 ? room - 1 : room) > 0;
    }

    /** Gives back the room of a value read ahead that a loadAll took or the end of the start dropped. */
    void releaseReadAhead() {
        readAheadBudget.incrementAndGet();
    }

    /** The ids of a guild's or channel's rows, for the queries that run on this member. */
    public PersistedIds persistedIds() {
        return new DatabaseIds(this);
    }

    /**
     * Hands every guild's ids in the table of {@code map} (channels, threads, members or presences) to {@code action},
     * one guild at a time, streamed with a cursor; for rebuilding the guild index after a full cluster restart (the
     * index has no table of its own). Answers how many rows it read.
     *
     * @throws IllegalArgumentException for a map no guild index lists
     */
    public long forEachGuild(CacheMap<?, ?> map, BiConsumer<Long, long[]> action) {
        String sql = table(map).guildIdsSql();
        if (sql == null) {
            throw new IllegalArgumentException("A guild index does not list " + map);
        }
        return read("read the " + map + " of every guild", handle -> {
            handle.begin();
            try (ResultIterator<long[]> rows = handle.createQuery(sql).setFetchSize(10_000)
                    .map((rs, ctx) -> new long[] {rs.getLong("guild_id"), rs.getLong("id")}).iterator()) {
                long count = 0;
                long guildId = 0;
                LongStream.Builder ids = null;
                while (rows.hasNext()) {
                    long[] row = rows.next();
                    count++;
                    if (ids == null || row[0] != guildId) {
                        if (ids != null) {
                            action.accept(guildId, ids.build().toArray());
                        }
                        guildId = row[0];
                        ids = LongStream.builder();
                    }
                    ids.add(row[1]);
                }
                if (ids != null) {
                    action.accept(guildId, ids.build().toArray());
                }
                return count;
            } finally {
                handle.rollback();
            }
        });
    }

    @SuppressWarnings("unchecked")
    <K, V> EntityTable<K, V> table(CacheMap<K, V> map) {
        return (EntityTable<K, V>) tables.get(map.name());
    }

    /**
     * From now on, writes go to the local journal instead of PostgreSQL, including writes now waiting for
     * PostgreSQL to come back. Used when a node must stop and PostgreSQL does not answer.
     */
    public void spillToJournal() {
        spilling = true;
        synchronized (retrySignal) {
            retrySignal.notifyAll();
        }
    }

    /**
     * Whether PostgreSQL takes this node's writes now: no write is failing and retrying, and a trivial query
     * answers within {@code timeout}. A stopping node spills to the journal only when it does not.
     */
    public boolean takesWrites(Duration timeout) {
        if (failingWrites.get() > 0) {
            return false;
        }
        // A write that went through lately answers too, and the probe below may wait for a connection that the
        // writes of a busy flush all hold.
        long lastWritten = lastWrittenNanos;
        if (lastWritten != 0 && System.nanoTime() - lastWritten < timeout.toNanos()) {
            return true;
        }
        CompletableFuture<Integer> probe = CompletableFuture.supplyAsync(
                () -> jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(int.class).one()), writers);
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS) == 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            probe.cancel(true);
            return false;
        }
    }

    /**
     * Ends every retry loop: the member died without a graceful shutdown, and what it had queued is the
     * backups' to write now. A write after this fails at once.
     */
    public void stop() {
        stopped = true;
        synchronized (retrySignal) {
            retrySignal.notifyAll();
        }
    }

    /** Counters since this node started. */
    public Stats stats() {
        return new Stats(rowsUpserted.get(), rowsDeleted.get(), rowsDeadLettered.get(), journal.rowsWritten(),
                retries.get(), rowsFromReadAhead.get(), rowsLoadedByKey.get(), loadsAnsweredFromMemory.get());
    }

    /**
     * What this node has written since it started.
     *
     * @param rowsUpserted      rows upserted into PostgreSQL (including those a newer version made no-ops)
     * @param rowsDeleted       key rows deleted from PostgreSQL
     * @param rowsDeadLettered  rows refused by PostgreSQL and kept in {@code dead_letters}
     * @param rowsSpilled       rows written to the local journal instead of PostgreSQL
     * @param retries           attempts that failed for a transient reason and were retried
     * @param rowsFromReadAhead values the initial load took from the rows its key streams read
     * @param rowsLoadedByKey   values read from PostgreSQL by key (reads of entries not in memory, and what the
     *                          initial load of another member's key stream did not read ahead)
     * @param keysAnsweredFromMemory keys missing from memory that a map holding everything in memory answered as
     *                          missing without asking PostgreSQL
     */
    public record Stats(long rowsUpserted, long rowsDeleted, long rowsDeadLettered, long rowsSpilled, long retries,
                        long rowsFromReadAhead, long rowsLoadedByKey, long keysAnsweredFromMemory) {
    }

    /**
     * Writes every journal file left by an earlier stop into PostgreSQL, oldest first, and deletes each file
     * once all of it is written. Waits for PostgreSQL as long as it takes: a node must not serve before its
     * spilled writes are safe.
     *
     * @return the number of rows replayed
     */
    public long replayJournal() throws IOException {
        long replayed = 0;
        for (Path file : Journal.files(journalDirectory)) {
            List<Journal.Batch> batches = Journal.read(file);
            // The whole file is checked before any of it is written: a file refused halfway would be replayed
            // again from its start, and its deletes, which carry no version, with it.
            for (Journal.Batch batch : batches) {
                EntityTable<?, ?> table = tables.get(batch.table());
                if (table == null) {
                    throw new IOException("Journal " + file + " holds rows of an unknown table '" + batch.table()
                            + "'; it was written by another version of the cache node. Keep the file and replay it"
                            + " with that version.");
                }
                for (Object[] row : batch.rows()) {
                    if (row.length != table.rowLength(batch.op())) {
                        throw new IOException("Journal " + file + " holds " + batch.op() + " rows of " + row.length
                                + " values for " + table.name() + ", whose rows now have "
                                + table.rowLength(batch.op()) + "; it was written by another version of the cache"
                                + " node. Keep the file and replay it with that version.");
                    }
                }
            }
            long rows = 0;
            for (Journal.Batch batch : batches) {
                write(batch.op(), tables.get(batch.table()), batch.rows(), false);
                rows += batch.rows().size();
            }
            Files.delete(file);
            LOG.info("Replayed the journal {}: {} rows in {} batches", file, rows, batches.size());
            replayed += rows;
        }
        return replayed;
    }

    /** Closes the journal, forcing spilled writes to disk. */
    @Override
    public void close() throws IOException {
        writers.shutdown();
        journal.close();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Writes the rows: into the journal when spilling, else into PostgreSQL, retrying transient failures and
     * dead-lettering rows refused for their content. Hazelcast calls a map store from one thread per map per
     * member, so a large batch is split across several connections to use more than one database core; its
     * keys are distinct, so the parts never touch the same row.
     */
    void write(WriteOp op, EntityTable<?, ?> table, List<Object[]> rows, boolean mayBeSpilled) {
        int parts = Math.min(writeParallelism, rows.size() / MIN_ROWS_PER_CONNECTION);
        if (parts <= 1) {
            writeRetrying(op, table, rows, mayBeSpilled);
            return;
        }
        int size = (rows.size() + parts - 1) / parts;
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int from = size; from < rows.size(); from += size) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + size));
            others.add(writers.submit(() -> writeRetrying(op, table, part, mayBeSpilled)));
        }
        writeRetrying(op, table, rows.subList(0, size), mayBeSpilled);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing to PostgreSQL", e);
            }
        }
    }

    private void writeRetrying(WriteOp op, EntityTable<?, ?> table, List<Object[]> rows, boolean mayBeSpilled) {
        long failingSince = 0;
        long lastLog = 0;
        Duration backoff = FIRST_BACKOFF;
        try {
            while (true) {
                if (stopped) {
                    throw new IllegalStateException("The cache node is down; " + rows.size() + " " + table.name()
                            + " rows stay with the cluster's backups");
                }
                if (spilling && mayBeSpilled) {
                    journal.append(op, table.name(), rows);
                    return;
                }
                try {
                    int refused = jdbi.withHandle(handle -> writeIsolatingRowErrors(handle, op, table, rows));
                    if (failingSince != 0) {
                        LOG.info("{} of {} rows into {} succeeded after {} s of failures", op, rows.size(),
                                table.name(), (System.nanoTime() - failingSince) / 1_000_000_000L);
                    }
                    (op == WriteOp.UPSERT ? rowsUpserted : rowsDeleted).addAndGet(rows.size() - refused);
                    lastWrittenNanos = System.nanoTime();
                    return;
                } catch (RuntimeException | SQLException e) {
                    long now = System.nanoTime();
                    if (failingSince == 0) {
                        failingSince = now;
                        failingWrites.incrementAndGet();
                    }
                    if (lastLog == 0 || now - lastLog > OUTAGE_LOG_INTERVAL.toNanos()) {
                        LOG.warn("{} of {} rows into {} failed ({}); retrying every {} ms at most until PostgreSQL "
                                        + "accepts it; nothing is dropped", op, rows.size(), table.name(),
                                SqlErrors.describe(e), maxBackoff.toMillis());
                        lastLog = now;
                    }
                    retries.incrementAndGet();
                    pause(backoff, mayBeSpilled);
                    backoff = next(backoff);
                }
            }
        } finally {
            if (failingSince != 0) {
                failingWrites.decrementAndGet();
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    /** Runs the batch, splitting it to isolate rows refused for their content; returns how many were refused. */
    private int writeIsolatingRowErrors(Handle handle, WriteOp op, EntityTable<?, ?> table, List<Object[]> rows)
            throws SQLException {
        Connection connection = handle.getConnection();
        try {
            op.execute(connection, table, rows);
            return 0;
        } catch (SQLException e) {
            if (!SqlErrors.isRowError(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                deadLetter(handle, table, rows.get(0), e.getSQLState(), SqlErrors.describe(e));
                return 1;
            }
            int half = rows.size() / 2;
            return writeIsolatingRowErrors(handle, op, table, rows.subList(0, half))
                    + writeIsolatingRowErrors(handle, op, table, rows.subList(half, rows.size()));
        }
    }

    /** How many rows {@code dead_letters} holds. */
    long deadLetterCount() {
        return read("count the dead letters", handle -> handle.createQuery("SELECT count(*) FROM dead_letters")
                .mapTo(long.class)
                .one());
    }

    /** Keeps a row that must not be written as it is in {@code dead_letters}, with the reason. */
    void deadLetter(EntityTable<?, ?> table, Object[] row, String reason) {
        jdbi.useHandle(handle -> deadLetter(handle, table, row, null, reason));
    }

    private void deadLetter(Handle handle, EntityTable<?, ?> table, Object[] row, String sqlState, String reason) {
        String key = table.describeKey(row);
        // PostgreSQL text cannot hold NUL, a usual reason for the refusal itself.
        String payload = table.describeRow(row).replace("\u0000", "\\u0000");
        handle.createUpdate("""
                        INSERT INTO dead_letters (entity, entity_key, payload, sql_state, error)
                        VALUES (:entity, :key, :payload, :sqlState, :error)""")
                .bind("entity", table.name())
                .bind("key", key)
                .bind("payload", payload)
                .bind("sqlState", sqlState)
                .bind("error", reason.replace("\u0000", "\\u0000"))
                .execute();
        rowsDeadLettered.incrementAndGet();
        LOG.error("Not written: the {} row {} ({}); it is kept in dead_letters and the rest of its batch was "
                + "written", table.name(), key, reason);
    }

    /** Waits before the next attempt; a write waiting for PostgreSQL wakes up when spilling starts. */
    private void pause(Duration duration, boolean wakeOnSpill) {
        synchronized (retrySignal) {
            if (stopped || spilling && wakeOnSpill) {
                return;
            }
            try {
                retrySignal.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to retry PostgreSQL", e);
            }
        }
    }

    /** Runs a read, retrying transient failures for at most the load retry timeout. */
    <T> T read(String what, HandleCallback<T, SQLException> query) {
        if (stopped) {
            throw new IllegalStateException("The cache node is down; cannot " + what);
        }
        long deadline = System.nanoTime() + loadRetryTimeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return jdbi.withHandle(query);
            } catch (RuntimeException | SQLException e) {
                if (stopped || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot " + what + " from PostgreSQL after retrying for "
                            + loadRetryTimeout.toSeconds() + " s: " + SqlErrors.describe(e), e);
                }
                retries.incrementAndGet();
                pause(backoff, false);
                backoff = next(backoff);
            }
        }
    }

    /** Opens a handle in a transaction, as pgjdbc streams with a cursor only outside autocommit. */
    Handle openForStreaming() {
        Handle handle = jdbi.open();
        handle.begin();
        return handle;
    }
}
