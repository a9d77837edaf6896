package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;

import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Deletes every message of a channel or thread on the member that owns the channel's partition: those its
 * {@link ChannelIndex} lists and those only PostgreSQL holds, and answers how many it deleted. Submit it with
 * {@code IExecutorService.submitToKeyOwner(task, Long.toString(channelId))}. The count includes persisted rows
 * whose delete was already on its way to PostgreSQL.
 */
public final class ChannelMessagesDelete implements Callable<Long>, HazelcastInstanceAware {
    private final long channelId;
    private transient HazelcastInstance member;

    public ChannelMessagesDelete(long channelId) {
        this.channelId = channelId;
    }

    public long channelId() {
        return channelId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Long call() {
        return deleteMessages(MemberTasks.requireMember(member, this), channelId);
    }

    /** Deletes the channel's messages from a member; answers how many. */
    static long deleteMessages(HazelcastInstance member, long channelId) {
        IMap<String, ChannelIndex> indexes = member.getMap(ChannelIndex.MAP_NAME);
        ChannelIndex index = indexes.get(ChannelIndex.key(channelId));
        TreeSet<Long> ids = new TreeSet<>();
        if (index != null) {
            index.messages().stream().forEach(ids::add);
        }
        PersistedIds persisted = PersistedIds.ifMemoryLacksSome(member, CacheMap.MESSAGES.name());
        if (persisted != null) {
            for (long id : persisted.messageIdsBefore(channelId, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                ids.add(id);
            }
        }
        IMap<MessageKey, Message> messages = member.getMap(CacheMap.MESSAGES.name());
        MemberTasks.deleteAll(messages, ids.stream().map(id -> new MessageKey(channelId, id)).toList());
        if (index != null) {
            // Only the ids read above: a message written meanwhile keeps its place in the index.
            indexes.executeOnKey(ChannelIndex.key(channelId),
                    ChannelIndexUpdate.remove(index.messages().toArray()));
        }
        return ids.size();
    }

    @Override
    public String toString() {
        return "ChannelMessagesDelete[" + channelId + "]";
    }
}
