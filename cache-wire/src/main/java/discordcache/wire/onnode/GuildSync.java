package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.Presence;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The guild-scoped half of a guild's bulk write, in one operation on its {@link GuildIndex} entry (the partition of
 * the guild's members and presences): adds the ids of what is written to the index, compares the members and
 * presences with those in memory, and, for a guild's whole state, finds what the index lists that the state no
 * longer does. The writes themselves follow ({@link GuildWrite}): only the members and presences answered as
 * differing are written, and what is gone is deleted before its ids leave the index.
 *
 * <p>Only ids the index lists can be in memory, so a new member is not even looked up. Backups apply the additions.
 *
 * <p>The kept ids, when given, are every id of that kind the guild's state lists (a GUILD_CREATE's); null leaves
 * that kind unswept.
 */
final class GuildSync implements EntryProcessor<String, GuildIndex, GuildSync.Outcome>,
        HazelcastInstanceAware {
    private final long guildId;
    private final List<Member> members;
    private final List<Presence> presences;
    private final long[] channelIds;
    private final long[] threadIds;
    private final long[] keptMembers;
    private final long[] keptPresences;
    private final long[] keptChannels;
    private final long[] keptThreads;
    private transient HazelcastInstance member;

    public GuildSync(long guildId, List<Member> members, List<Presence> presences, long[] channelIds,
                     long[] threadIds, long[] keptMembers, long[] keptPresences, long[] keptChannels,
                     long[] keptThreads) {
        this.guildId = guildId;
        this.members = List.copyOf(members);
        this.presences = List.copyOf(presences);
        this.channelIds = Objects.requireNonNullElse(channelIds, new long[0]);
        this.threadIds = Objects.requireNonNullElse(threadIds, new long[0]);
        this.keptMembers = keptMembers;
        this.keptPresences = keptPresences;
        this.keptChannels = keptChannels;
        this.keptThreads = keptThreads;
    }

    public long guildId() {
        return guildId;
    }

    public List<Member> members() {
        return members;
    }

    public List<Presence> presences() {
        return presences;
    }

    public long[] channelIds() {
        return channelIds;
    }

    public long[] threadIds() {
        return threadIds;
    }

    public long[] keptMembers() {
        return keptMembers;
    }

    public long[] keptPresences() {
        return keptPresences;
    }

    public long[] keptChannels() {
        return keptChannels;
    }

    public long[] keptThreads() {
        return keptThreads;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Outcome process(Map.Entry<String, GuildIndex> entry) {
        MemberTasks.requireMember(member, this);
        GuildIndex before = entry.getValue() == null ? GuildIndex.empty() : entry.getValue();
        int[] membersToWrite = InMemory.toWrite(member, CacheMap.MEMBERS, members, before.members(), Member::userId);
        int[] presencesToWrite = InMemory.toWrite(member, CacheMap.PRESENCES, presences, before.presences(),
                Presence::userId);
        GuildIndex after = additions().applyTo(before);
        if (after != before) {
            entry.setValue(after);
        }
        return new Outcome(membersToWrite, presencesToWrite, gone(before.members(), keptMembers),
                gone(before.presences(), keptPresences), gone(before.channels(), keptChannels),
                gone(before.threads(), keptThreads));
    }

    private static long[] gone(IdSet indexed, long[] kept) {
        return kept == null ? new long[0] : indexed.minus(IdSet.of(kept));
    }

    /** What this sync adds to the index: the ids of everything it writes. */
    GuildIndexUpdate additions() {
        long[][] added = new long[GuildIndex.Kind.values().length][];
        added[GuildIndex.Kind.CHANNELS.ordinal()] = channelIds;
        added[GuildIndex.Kind.THREADS.ordinal()] = threadIds;
        added[GuildIndex.Kind.MEMBERS.ordinal()] = members.stream().mapToLong(Member::userId).toArray();
        added[GuildIndex.Kind.PRESENCES.ordinal()] = presences.stream().mapToLong(Presence::userId).toArray();
        return new GuildIndexUpdate(added, null);
    }

    /** Backups only add the ids: the comparisons answer the caller, and change nothing on a backup. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntryProcessor<String, GuildIndex, Outcome> getBackupProcessor() {
        return (EntryProcessor) additions();
    }

    @Override
    public String toString() {
        return "GuildSync[guild " + guildId + ", " + members.size() + " members, " + presences.size()
                + " presences]";
    }

    /**
     * What the sync found.
     *
     * @param members       positions of the members to write (new, or different from memory)
     * @param presences     positions of the presences to write
     * @param goneMembers   ids the index lists that the kept members do not (empty when none were given)
     * @param gonePresences likewise for presences
     * @param goneChannels  likewise for channels
     * @param goneThreads   likewise for threads
     */
    public record Outcome(int[] members, int[] presences, long[] goneMembers, long[] gonePresences,
                          long[] goneChannels, long[] goneThreads) {
    }
}
