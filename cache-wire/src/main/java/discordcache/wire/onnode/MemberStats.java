package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.LocalMapStats;
import discordcache.model.CacheMap;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One member's share of the cluster's state: for every entity map, the entries it owns and those waiting for
 * write-behind (the store queue depth), plus the dead letters in PostgreSQL when the member can count them. Submit
 * it to every member ({@code IExecutorService.submitToAllMembers}) and add the answers up.
 */
public final class MemberStats implements Callable<Map<String, Long>>, HazelcastInstanceAware {
    /** The key of the dead-letter count in the answer. */
    public static final String DEAD_LETTERS = "dead_letters";
    /** Suffixes of the per-map keys in the answer: {@code members.entries}, {@code members.pending}. */
    public static final String ENTRIES = ".entries";
    public static final String PENDING = ".pending";

    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Map<String, Long> call() {
        HazelcastInstance hazelcast = MemberSide.requireMember(member, this);
        Map<String, Long> stats = new HashMap<>();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            LocalMapStats local = hazelcast.getMap(map.name()).getLocalMapStats();
            stats.put(map.name() + ENTRIES, local.getOwnedEntryCount());
            stats.put(map.name() + PENDING, local.getDirtyEntryCount());
        }
        Object deadLetters = hazelcast.getUserContext().get(PersistedIds.USER_CONTEXT_KEY);
        if (deadLetters instanceof PersistedIds ids) {
            stats.put(DEAD_LETTERS, ids.deadLetterCount());
        }
        return stats;
    }
}
