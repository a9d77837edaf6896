package discordcache.model;

import com.hazelcast.partition.PartitionAware;

/**
 * The key of a {@link Member}: a (guild, user) pair, stored in the partition of its guild so that everything of
 * one guild can be read and changed on one partition.
 *
 * <p>The partition key is the guild id as a decimal string: strings serialize to the same bytes in every
 * Hazelcast client language, so clients in other languages find the same partition.
 *
 * @param guildId the guild
 * @param userId  the user
 */
public record MemberKey(long guildId, long userId) implements PartitionAware<String> {
    @Override
    public String getPartitionKey() {
        return Long.toString(guildId);
    }
}
