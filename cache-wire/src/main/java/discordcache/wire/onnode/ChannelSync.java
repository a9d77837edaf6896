package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import discordcache.model.CacheMap;
import discordcache.model.Message;

import java.util.List;
import java.util.Map;

/**
 * The index half of a write of a channel's messages, in one operation on its {@link ChannelIndex} entry (the
 * partition of its messages): compares the messages with those in memory, adds their ids to the index, and keeps the
 * index within the per-channel bound. Answers which messages to write and which left the index, for
 * {@link ChannelWrite} to evict from memory. Backups apply the same index update.
 */
final class ChannelSync implements EntryProcessor<String, ChannelIndex, ChannelSync.Outcome>,
        HazelcastInstanceAware {
    private final long channelId;
    private final List<Message> messages;
    private final int bound;
    private transient HazelcastInstance member;

    /**
     * @param channelId the channel or thread
     * @param messages  its messages to write
     * @param bound     the most messages the channel keeps in memory; 0 for no bound
     */
    public ChannelSync(long channelId, List<Message> messages, int bound) {
        this.channelId = channelId;
        this.messages = List.copyOf(messages);
        this.bound = bound;
    }

    public long channelId() {
        return channelId;
    }

    public List<Message> messages() {
        return messages;
    }

    public int bound() {
        return bound;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Outcome process(Map.Entry<String, ChannelIndex> entry) {
        IdSet indexed = entry.getValue() == null ? IdSet.empty() : entry.getValue().messages();
        int[] toWrite = InMemory.toWrite(MemberTasks.requireMember(member, this), CacheMap.MESSAGES, messages,
                indexed, Message::id);
        long[] evicted = indexUpdate().process(entry);
        return new Outcome(toWrite, evicted);
    }

    private ChannelIndexUpdate indexUpdate() {
        return new ChannelIndexUpdate(messages.stream().mapToLong(Message::id).toArray(), null, bound);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntryProcessor<String, ChannelIndex, Outcome> getBackupProcessor() {
        return (EntryProcessor) indexUpdate();
    }

    @Override
    public String toString() {
        return "ChannelSync[" + messages.size() + " of channel " + channelId + ", bound " + bound + "]";
    }

    /**
     * What the sync found.
     *
     * @param messages positions of the messages to write (new, or different from memory)
     * @param evicted  ids that left the index for the bound, whose messages are to leave memory
     */
    public record Outcome(int[] messages, long[] evicted) {
    }
}
