package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;

import java.util.Objects;

/**
 * The ids of the messages a channel (or thread) keeps in memory, kept in the {@value #MAP_NAME} map under the
 * channel id as a decimal string ({@link #key}): the partition key of the channel's messages, so the index lives
 * beside them. Its size is what the per-channel message bound counts: when a write takes a channel over the bound,
 * its oldest messages leave memory (they stay in PostgreSQL when messages are persisted).
 *
 * <p>Like the guild index, it holds at least every message written since the node started that is still in
 * memory, and may briefly list one that is gone; it has no store. Messages read back from PostgreSQL on demand
 * are not listed: queries merge the channel's rows in PostgreSQL for what came before.
 *
 * @param messages the ids of the channel's messages in memory
 */
public record ChannelIndex(IdSet messages) {
    /** The name of the index map. */
    public static final String MAP_NAME = "channel_index";

    public ChannelIndex {
        messages = Objects.requireNonNullElse(messages, IdSet.empty());
    }

    /**
     * The key, in a member's user context, of the most messages a channel keeps in memory (an {@code Integer}); a
     * cache node puts it there.
     */
    public static final String BOUND_USER_CONTEXT_KEY = "discordcache.messagesPerChannel";

    /** The most messages a channel keeps in memory on {@code member}; 0 for no bound. */
    public static int boundOn(HazelcastInstance member) {
        return member.getUserContext().get(BOUND_USER_CONTEXT_KEY) instanceof Integer bound ? bound : 0;
    }

    /** The key of a channel's index entry: its id in decimal, the partition key of its messages. */
    public static String key(long channelId) {
        return Long.toString(channelId);
    }
}
