package discordcache.bench;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Snowflakes;
import com.hazelcast.map.MapStore;
import discordcache.node.CacheNode;
import discordcache.node.database.Database;
import discordcache.node.store.Persistence;
import discordcache.node.config.NodeSettings;
import discordcache.testing.Db;
import discordcache.testing.TestPostgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Write-behind throughput and reload speed of members, each beside its baseline measured in the same run on
 * the same database: a binary COPY of the same rows, and a plain JDBC streaming read of the same rows.
 *
 * <pre>bench/run.sh PersistenceBench [members written] [rounds] [members reloaded]</pre>
 * PostgreSQL comes from DCACHE_TEST_JDBC_URL (a fresh database is created on its server), else embedded.
 */
public final class PersistenceBench {
    static final int GUILD_SIZE = 10_000;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int reloadCount = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        List<Member> members = typicalMembers(count);
        Map<String, String> env = BenchEnvironment.singleNode("bench", 17701);
        String jdbcUrl = env.get("DCACHE_JDBC_URL");
        NodeSettings settings = NodeSettings.from(env);
        CacheNode.migrate(settings);

        System.out.printf("members: %,d (typical: 3 roles, no nick), %,d per guild%n", count, GUILD_SIZE);
        List<String> lines = new ArrayList<>();
        Map<String, String> drainEnv = new HashMap<>(env);
        drainEnv.put("DCACHE_WRITE_DELAY_SECONDS", "15");
        NodeSettings drainSettings = NodeSettings.from(drainEnv);
        for (int round = 1; round <= rounds; round++) {
            truncate(jdbcUrl);
            double copy = count / timeCopy(jdbcUrl, members);
            truncate(jdbcUrl);
            double live = timeWriteBehind(settings, jdbcUrl, members, false);
            truncate(jdbcUrl);
            double drain = timeWriteBehind(drainSettings, jdbcUrl, members, true);
            truncate(jdbcUrl);
            double store = count / timeStoreAlone(settings, members);
            lines.add(String.format("round %d: binary COPY %,.0f rows/s; write-behind live %,.0f rows/s (ratio %.2f); "
                    + "write-behind drain %,.0f rows/s (ratio %.2f); map store alone %,.0f rows/s (ratio %.2f)",
                    round, copy, live, live / copy, drain, drain / copy, store, store / copy));
            System.out.println(lines.get(lines.size() - 1));
        }
        // The reload runs over a table of its own size: Hazelcast notices the end of a load by polling up to a
        // second apart, which a small table would turn into most of the measure.
        truncate(jdbcUrl);
        try (Connection db = Db.connect(jdbcUrl)) {
            BinaryCopy.copyMembers(db, typicalMembers(reloadCount));
        }
        System.out.printf("reload: %,d members%n", reloadCount);
        for (int round = 1; round <= rounds; round++) {
            double jdbc = timeJdbcRead(jdbcUrl, reloadCount);
            double reload = timeReload(env, jdbcUrl);
            lines.add(String.format("round %d: reload of %,d: %,.0f members/s; JDBC streaming read %,.0f rows/s; "
                    + "ratio %.2f", round, reloadCount, reloadCount / reload, reloadCount / jdbc, jdbc / reload));
            System.out.println(lines.get(lines.size() - 1));
        }
        Bench.printResultsAndExit(lines);
    }

    static List<Member> typicalMembers(int count) {
        Random random = new Random(1);
        List<Member> members = new ArrayList<>(count);
        long guildId = 0;
        for (int i = 0; i < count; i++) {
            if (i % GUILD_SIZE == 0) {
                guildId = 80_000_000_000_000_000L + i;
            }
            long userId = 100_000_000_000_000_000L + random.nextInt(1 << 30) * 1_000L + i;
            Snowflakes roles = Snowflakes.of(guildId + 1 + random.nextInt(20), guildId + 30 + random.nextInt(20),
                    guildId + 60 + random.nextInt(20));
            Instant joined = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000) * 1_000L);
            members.add(new Member(guildId, userId, null, null, null, roles, joined, null, false, false, false, 0,
                    null, 1));
        }
        return members;
    }

    private static void truncate(String jdbcUrl) throws Exception {
        Db.execute(jdbcUrl, "TRUNCATE members; CHECKPOINT");
    }

    private static double timeCopy(String jdbcUrl, List<Member> members) throws Exception {
        try (Connection db = Db.connect(jdbcUrl)) {
            long start = System.nanoTime();
            BinaryCopy.copyMembers(db, members);
            return seconds(start);
        }
    }

    /**
     * Rows per second reaching PostgreSQL. Live: from the first write into the map until PostgreSQL holds every
     * row, with ingestion and persistence sharing the machine. Drain: the write delay outlasts the ingestion, so
     * the queue is full before the first store; from the first committed row to the last.
     */
    private static double timeWriteBehind(NodeSettings settings, String jdbcUrl, List<Member> members, boolean drain)
            throws Exception {
        try (CacheNode node = CacheNode.start(settings); Connection db = Db.connect(jdbcUrl)) {
            IMap<MemberKey, Member> map = node.hazelcast().getMap(CacheMap.MEMBERS.name());
            long start = System.nanoTime();
            Map<MemberKey, Member> batch = new HashMap<>();
            long guild = members.get(0).guildId();
            for (Member member : members) {
                if (member.guildId() != guild || batch.size() == 1_000) {
                    map.setAll(batch);
                    batch.clear();
                    guild = member.guildId();
                }
                batch.put(member.key(), member);
            }
            map.setAll(batch);
            double ingested = seconds(start);
            // The node counts rows as their statements commit; polling count(*) would load the database itself.
            long firstRows = 0;
            double first = 0;
            while (node.stats().rowsUpserted() < members.size()) {
                if (firstRows == 0 && node.stats().rowsUpserted() > 0) {
                    firstRows = node.stats().rowsUpserted();
                    first = seconds(start);
                }
                Thread.sleep(2);
            }
            double persisted = seconds(start);
            if (Db.count(db, "members") != members.size()) {
                throw new IllegalStateException("PostgreSQL does not hold every member");
            }
            System.out.printf("  write-behind (%s): in the map after %.2f s, first rows in PostgreSQL after %.2f s,"
                    + " all after %.2f s%n", drain ? "drain" : "live", ingested, first, persisted);
            return drain ? (members.size() - firstRows) / (persisted - first) : members.size() / persisted;
        }
    }

    /** The map store called directly, in the batches Hazelcast would hand it: the SQL side without Hazelcast. */
    private static double timeStoreAlone(NodeSettings settings, List<Member> members) throws Exception {
        try (Database database = Database.open(settings)) {
            Persistence persistence = new Persistence(database.dataSource(), settings.dataDirectory().resolve("journal"),
                    settings.storeMaxBackoff(), settings.loadRetryTimeout(), settings.writeParallelism(),
                    settings.loadReadAhead());
            MapStore<MemberKey, Member> store = persistence.mapStore(CacheMap.MEMBERS, false);
            long start = System.nanoTime();
            Map<MemberKey, Member> batch = new HashMap<>();
            for (Member member : members) {
                batch.put(member.key(), member);
                if (batch.size() == settings.writeBatchSize()) {
                    store.storeAll(batch);
                    batch.clear();
                }
            }
            store.storeAll(batch);
            double elapsed = seconds(start);
            persistence.close();
            return elapsed;
        }
    }

    private static double timeJdbcRead(String jdbcUrl, int expected) throws Exception {
        try (Connection db = Db.connect(jdbcUrl)) {
            db.setAutoCommit(false);
            long start = System.nanoTime();
            int read = 0;
            try (Statement statement = db.createStatement()) {
                statement.setFetchSize(10_000);
                try (ResultSet rs = statement.executeQuery("SELECT guild_id, user_id, nick, avatar, banner, roles, "
                        + "joined_at, premium_since, deaf, mute, pending, flags, communication_disabled_until, version "
                        + "FROM members")) {
                    while (rs.next()) {
                        Array roles = rs.getArray(6);
                        Long[] ids = (Long[]) roles.getArray();
                        long[] unboxed = new long[ids.length];
                        for (int i = 0; i < ids.length; i++) {
                            unboxed[i] = ids[i];
                        }
                        OffsetDateTime joined = rs.getObject(7, OffsetDateTime.class);
                        Member member = new Member(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Snowflakes.of(unboxed), joined == null ? null : joined.toInstant(),
                                null, rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11), rs.getInt(12), null,
                                rs.getLong(14));
                        if (member.version() > 0) {
                            read++;
                        }
                    }
                }
            }
            db.rollback();
            if (read != expected) {
                throw new IllegalStateException("read " + read + " rows, expected " + expected);
            }
            return seconds(start);
        }
    }

    /**
     * A cluster restart's load of the members: the start of a node over the full table, less the start of a node
     * over an empty database, which is the member's own start-up cost.
     */
    private static double timeReload(Map<String, String> env, String jdbcUrl) throws Exception {
        Db.execute(jdbcUrl, "CHECKPOINT");
        long start = System.nanoTime();
        int loaded;
        try (CacheNode node = CacheNode.start(NodeSettings.from(env))) {
            loaded = node.hazelcast().getMap(CacheMap.MEMBERS.name()).size();
        }
        double full = seconds(start);
        Map<String, String> emptyEnv = new HashMap<>(env);
        emptyEnv.put("DCACHE_JDBC_URL", TestPostgres.get().createDatabase());
        NodeSettings empty = NodeSettings.from(emptyEnv);
        CacheNode.migrate(empty);
        start = System.nanoTime();
        try (CacheNode node = CacheNode.start(empty)) {
            node.hazelcast().getMap(CacheMap.MEMBERS.name()).size();
        }
        double baseline = seconds(start);
        System.out.printf("  reload: node start %.2f s with %,d members, %.2f s empty%n", full, loaded, baseline);
        return full - baseline;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
