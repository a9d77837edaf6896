package discordcache.wire.onnode;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Reads one kind of a {@link GuildIndex} on the guild's partition and answers only those ids, ascending: a bot
 * listing a guild's channels is not sent the ids of its hundred thousand members.
 *
 * @param kind the ids to read
 */
public record GuildIndexRead(GuildIndex.Kind kind) implements EntryProcessor<String, GuildIndex, long[]>, ReadOnly {
    @Override
    public long[] process(Map.Entry<String, GuildIndex> entry) {
        GuildIndex index = entry.getValue();
        return index == null ? new long[0] : index.ids(kind).toArray();
    }

    @Override
    public EntryProcessor<String, GuildIndex, long[]> getBackupProcessor() {
        return null;
    }
}
