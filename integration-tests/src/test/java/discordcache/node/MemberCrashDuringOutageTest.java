package discordcache.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TcpProxy;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a two-member cluster, a member crashes while PostgreSQL is unreachable; when PostgreSQL
 * returns, the survivor persists everything, including what the dead member owned and had not written.
 * Every key is owned by the member that crashes, so the survivor holds them only as backups, and the outage
 * lasts longer than Hazelcast's default backup queue retention (10 s), which would lose those writes.
 */
class MemberCrashDuringOutageTest {
    private static final int USERS = 5_000;

    @TempDir
    Path temp;

    @Test
    void survivorPersistsTheCrashedMembersWritesAfterTheOutage() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(jdbcUrl)) {
            TestNodes nodes = new TestNodes(proxy.jdbcUrl(jdbcUrl));
            List<CacheNode> cluster = nodes.startTwo(temp, Map.of());
            CacheNode victim = cluster.get(0);
            CacheNode survivor = cluster.get(1);
            try {
                IMap<Long, User> users = survivor.hazelcast().getMap(CacheMap.USERS.name());
                List<Long> ids = ownedBy(victim, USERS);
                Entities entities = new Entities(11);
                users.setAll(usersAt(entities, ids, 1));
                survivor.flush();
                victim.flush();

                proxy.cut();
                Map<Long, User> newest = usersAt(entities, ids, 2);
                users.setAll(newest);
                Thread.sleep(15_000);
                victim.hazelcast().getLifecycleService().terminate();
                victim.close();
                proxy.restore();
                survivor.flush();

                Map<Long, Long> expected = new HashMap<>();
                newest.keySet().forEach(id -> expected.put(id, 2L));
                assertEquals(expected, Db.versionsById(jdbcUrl, "users"));
            } finally {
                victim.close();
                survivor.close();
            }
        }
    }

    private static List<Long> ownedBy(CacheNode node, int count) {
        PartitionService partitions = node.hazelcast().getPartitionService();
        Member local = node.hazelcast().getCluster().getLocalMember();
        List<Long> ids = new ArrayList<>();
        for (long id = 1; ids.size() < count; id++) {
            if (local.equals(partitions.getPartition(id).getOwner())) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Map<Long, User> usersAt(Entities entities, List<Long> ids, long version) {
        Map<Long, User> batch = new HashMap<>();
        ids.forEach(id -> batch.put(id, entities.user(id, version)));
        return batch;
    }
}
