package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Writes messages of one channel or thread on the member that owns the channel's partition: {@link ChannelSync} on
 * the channel's index entry, then the messages that differ from memory in one {@code setAll}, then the messages the
 * per-channel bound pushed out of the index leave memory (evicted, not deleted: they stay in PostgreSQL when
 * messages are persisted). Answers how many messages it wrote. Submit it with
 * {@code IExecutorService.submitToKeyOwner(task, Long.toString(channelId))}.
 */
public final class ChannelWrite implements Callable<Integer>, HazelcastInstanceAware {
    private final long channelId;
    private final List<Message> messages;
    private transient HazelcastInstance member;

    /**
     * @param channelId the channel or thread
     * @param messages  its messages
     * @throws IllegalArgumentException when a message belongs to another channel
     */
    public ChannelWrite(long channelId, List<Message> messages) {
        this.channelId = channelId;
        this.messages = List.copyOf(messages);
        for (Message message : this.messages) {
            if (message.channelId() != channelId) {
                throw new IllegalArgumentException("A write of channel " + channelId + " was given message "
                        + message.key() + " of another channel");
            }
        }
    }

    public long channelId() {
        return channelId;
    }

    public List<Message> messages() {
        return messages;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Integer call() {
        HazelcastInstance hazelcast = MemberTasks.requireMember(member, this);
        ChannelSync.Outcome outcome = hazelcast.<String, ChannelIndex>getMap(ChannelIndex.MAP_NAME)
                .executeOnKey(ChannelIndex.key(channelId),
                        new ChannelSync(channelId, messages, ChannelIndex.boundOn(hazelcast)));
        IMap<MessageKey, Message> entries = hazelcast.getMap(CacheMap.MESSAGES.name());
        int written = MemberTasks.await(Upserts.write(entries, CacheMap.MESSAGES,
                InMemory.at(messages, outcome.messages())));
        for (long id : outcome.evicted()) {
            entries.evict(new MessageKey(channelId, id));
        }
        return written;
    }

    @Override
    public String toString() {
        return "ChannelWrite[" + messages.size() + " of channel " + channelId + "]";
    }
}
