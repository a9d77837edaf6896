package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The newest messages of a channel, newest first, found on the member that owns the channel's partition.
 * Submit it with {@code IExecutorService.submitToKeyOwner(query, Long.toString(channelId))}.
 *
 * <p>Messages are loaded lazily and bounded in memory, so the answer merges the ids the channel's {@link ChannelIndex}
 * lists (its messages in memory) with the newest ids in PostgreSQL, page by page, and reads them through the map's
 * loader (a message deleted in memory but not yet in PostgreSQL stays deleted). It reads the channel's own
 * entries only, whatever else its partition holds.
 */
public final class NewestMessagesQuery implements Callable<List<Message>>, HazelcastInstanceAware {
    private final long channelId;
    private final int limit;
    private transient HazelcastInstance member;

    /**
     * @param channelId the channel or thread
     * @param limit     how many messages at most; at least 1
     */
    public NewestMessagesQuery(long channelId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.channelId = channelId;
        this.limit = limit;
    }

    public long channelId() {
        return channelId;
    }

    public int limit() {
        return limit;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public List<Message> call() {
        HazelcastInstance hazelcast = MemberSide.requireMember(member, this);
        IMap<MessageKey, Message> messages = hazelcast.getMap(CacheMap.MESSAGES.name());
        ChannelIndex index = hazelcast.<String, ChannelIndex>getMap(ChannelIndex.MAP_NAME)
                .get(ChannelIndex.key(channelId));
        PersistedIds persisted = PersistedIds.ifMemoryLacksSome(hazelcast, CacheMap.MESSAGES.name());
        NavigableSet<Long> candidates = new TreeSet<>(Comparator.reverseOrder());
        if (index != null) {
            index.messages().stream().forEach(candidates::add);
        }
        List<Message> newest = new ArrayList<>(limit);
        long persistedBefore = Long.MAX_VALUE;
        boolean allPersistedSeen = persisted == null;
        while (true) {
            if (!allPersistedSeen) {
                long[] page = persisted.messageIdsBefore(channelId, persistedBefore, limit);
                for (long id : page) {
                    candidates.add(id);
                }
                allPersistedSeen = page.length < limit;
                if (page.length > 0) {
                    persistedBefore = page[page.length - 1];
                }
            }
            // Every message newer than the oldest persisted id seen so far is among the candidates.
            NavigableSet<Long> settled = allPersistedSeen ? candidates
                    : candidates.headSet(persistedBefore, true);
            // Newest first, a limit's worth at a time: most answers are found in the first of them.
            List<Long> ordered = new ArrayList<>(settled);
            for (int from = 0; from < ordered.size(); from += limit) {
                List<Long> chunk = ordered.subList(from, Math.min(ordered.size(), from + limit));
                Map<MessageKey, Message> loaded = new HashMap<>();
                Set<MessageKey> toLoad = new HashSet<>();
                chunk.forEach(id -> toLoad.add(new MessageKey(channelId, id)));
                MemberSide.getAll(messages, toLoad, loaded);
                for (long id : chunk) {
                    Message message = loaded.get(new MessageKey(channelId, id));
                    if (message != null) {
                        newest.add(message);
                        if (newest.size() == limit) {
                            return newest;
                        }
                    }
                }
            }
            if (allPersistedSeen) {
                return newest;
            }
            settled.clear();
        }
    }

    @Override
    public String toString() {
        return "NewestMessagesQuery[" + limit + " of channel " + channelId + "]";
    }
}
