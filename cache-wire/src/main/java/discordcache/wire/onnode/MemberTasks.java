package discordcache.wire.onnode;

import com.hazelcast.map.IMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What the write tasks share on the member they run on. */
final class MemberTasks {
    private MemberTasks() {
    }

    static <T> T requireMember(T hazelcast, Object task) {
        if (hazelcast == null) {
            throw new IllegalStateException(task + " runs on a cache member, submitted through an executor");
        }
        return hazelcast;
    }

    /** How many deletes one task keeps in flight. */
    private static final int DELETES_IN_FLIGHT = 1_000;

    /**
     * Deletes the keys one by one, which never loads an entry (a multi-key entry processor would load those not in
     * memory, and on a bounded map Hazelcast 5.7 may then lose changes: hazelcast/hazelcast#23237); a bounded
     * number at a time.
     */
    static <K> void deleteAll(IMap<K, ?> map, Collection<K> keys) {
        Iterator<K> remaining = keys.iterator();
        while (remaining.hasNext()) {
            List<CompletableFuture<?>> deletes = new ArrayList<>(DELETES_IN_FLIGHT);
            for (int i = 0; i < DELETES_IN_FLIGHT && remaining.hasNext(); i++) {
                deletes.add(map.deleteAsync(remaining.next()).toCompletableFuture());
            }
            awaitAll(deletes);
        }
    }

    /** Waits for every stage; a failure is rethrown as it was, not wrapped. */
    static void awaitAll(Collection<? extends CompletableFuture<?>> stages) {
        try {
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    static <T> T await(CompletableFuture<T> stage) {
        try {
            return stage.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
