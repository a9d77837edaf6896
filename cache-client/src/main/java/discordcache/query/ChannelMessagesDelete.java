package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Deletes every message of a channel or thread on the member that owns the channel's partition, those in memory
 * and those only PostgreSQL holds, and answers how many it deleted. Submit it with
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
        return deleteMessages(MemberSide.requireMember(member, this), channelId);
    }

    /** Deletes the channel's messages from a member; answers how many. */
    static long deleteMessages(HazelcastInstance member, long channelId) {
        IMap<MessageKey, Message> messages = member.getMap(CacheMap.MESSAGES.name());
        Predicate<MessageKey, Message> inChannel = InScope.partitionOf(channelId);
        PersistedIds persisted = MemberSide.persistedIdsIfIncomplete(member, CacheMap.MESSAGES.name());
        List<MessageKey> persistedKeys = persisted == null ? List.of()
                : Arrays.stream(persisted.messageIdsBefore(channelId, Long.MAX_VALUE, Integer.MAX_VALUE))
                .mapToObj(id -> new MessageKey(channelId, id)).toList();
        return MemberSide.deleteAll(messages, inChannel, persistedKeys);
    }

    @Override
    public String toString() {
        return "ChannelMessagesDelete[" + channelId + "]";
    }
}
