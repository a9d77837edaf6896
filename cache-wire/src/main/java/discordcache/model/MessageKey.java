package discordcache.model;

import com.hazelcast.partition.PartitionAware;

/**
 * The key of a {@link Message}: a (channel, message) pair, stored in the partition of its channel so that a
 * channel's history can be read on one partition.
 *
 * <p>The partition key is the channel id as a decimal string, which every Hazelcast client language
 * serializes to the same bytes.
 *
 * @param channelId the channel (or thread)
 * @param messageId the message
 */
public record MessageKey(long channelId, long messageId) implements PartitionAware<String> {
    @Override
    public String getPartitionKey() {
        return Long.toString(channelId);
    }
}
