package discordcache.bench;

import discordcache.client.ClusterStats;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.testing.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** What the ingestion benchmarks share. */
final class Bench {
    private Bench() {
    }

    interface Work<T> {
        void accept(T item) throws Exception;
    }

    /** Runs {@code work} over the items on {@code threads} workers; answers the seconds it took. */
    static <T> double timed(List<T> items, int threads, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    work.accept(items.get(i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return seconds;
    }

    /** A gateway's client: it only writes, so its near caches are off and the cluster sends it no events. */
    static DiscordCacheConfig gateway(String clusterName, int port) {
        return DiscordCacheConfig.builder().clusterName(clusterName).addresses("127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(60)).withoutNearCaches().build();
    }

    /** Waits until no member has a write waiting for write-behind. */
    static void awaitWriteBehind(DiscordCache cache) throws InterruptedException {
        while (true) {
            ClusterStats stats = cache.admin().clusterStats();
            long pending = stats.maps().values().stream().mapToLong(ClusterStats.MapStats::pendingWrites).sum();
            if (pending == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * The rows PostgreSQL inserted, updated and deleted in the entity tables so far, by its own statistics (an upsert
     * that a newer version in the table turned into a no-op updates nothing). A backend reports what it did at most
     * every second while busy, and once it has been idle for 10 s.
     */
    static long rowsWritten(String jdbcUrl) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, TestPostgres.get().user(),
                TestPostgres.get().password()); Statement statement = db.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                    + " FROM pg_stat_user_tables WHERE relname IN ('users', 'guilds', 'members', 'channels',"
                    + " 'threads', 'messages', 'presences', 'unavailable_guilds', 'shard_sessions')")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Waits for write-behind, then for PostgreSQL's statistics to settle (unchanged for longer than a backend stays
     * idle before it reports); answers the rows written so far.
     */
    static long rowsWrittenOnceStored(DiscordCache cache, String jdbcUrl) throws Exception {
        awaitWriteBehind(cache);
        long rows = rowsWritten(jdbcUrl);
        while (true) {
            Thread.sleep(11_000);
            long again = rowsWritten(jdbcUrl);
            if (again == rows) {
                return rows;
            }
            rows = again;
        }
    }

    /** The CPU time a process has used so far, in nanoseconds (0 when the system does not say). */
    static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(java.time.Duration::toNanos).orElse(0L);
    }

    static String spread(List<Double> values, String format) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(format, min) + " – " + String.format(format, max);
    }

    /** Prints the run's result lines under a RESULTS heading (what the README quotes) and ends the JVM. */
    static void printResultsAndExit(List<String> lines) {
        System.out.println();
        System.out.println("RESULTS");
        lines.forEach(System.out::println);
        // The Hazelcast client's threads would keep the JVM alive.
        System.exit(0);
    }
}
