package discordcache.client;

import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Presence;
import discordcache.model.ThreadChannel;
import discordcache.model.User;
import discordcache.wire.onnode.GuildWrite;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One guild's payload for {@link CacheGateway#writeGuild}: a GUILD_CREATE, a member chunk, or any bulk write of a
 * guild's members, presences, channels and threads. Immutable; build it with {@link #builder(long)}.
 *
 * <pre>{@code
 * GuildPayload payload = GuildPayload.builder(guild.id())
 *         .guild(guild).users(users).members(members).presences(presences).channels(channels).threads(threads)
 *         .wholeState(true)              // a GUILD_CREATE: what it does not list is gone
 *         .wholeMemberList(members.size() == guild.memberCount())
 *         .build();
 * }</pre>
 */
public final class GuildPayload {
    /** The task that writes the payload on the member that owns the guild's partition; it checks the payload. */
    private final GuildWrite task;

    private GuildPayload(GuildWrite task) {
        this.task = task;
    }

    /** A payload of the guild {@code guildId}; every part is empty until set. */
    public static Builder builder(long guildId) {
        return new Builder(guildId);
    }

    public long guildId() {
        return task.guildId();
    }

    /** The guild itself, or null to leave the cached guild as it is. */
    public Guild guild() {
        return task.guild();
    }

    /** The users, one per id (of two with one id, the later). */
    public List<User> users() {
        return task.users();
    }

    /** The members, one per user (of two with one key, the later). */
    public List<Member> members() {
        return task.members();
    }

    public List<Presence> presences() {
        return task.presences();
    }

    public List<Channel> channels() {
        return task.channels();
    }

    public List<ThreadChannel> threads() {
        return task.threads();
    }

    /** Whether this is the guild's whole state: the presences, channels and threads it does not list are removed. */
    public boolean wholeState() {
        return task.wholeState();
    }

    /** Whether {@link #members()} is every member of the guild: the members it does not list are removed. */
    public boolean wholeMemberList() {
        return task.wholeMemberList();
    }

    GuildWrite task() {
        return task;
    }

    @Override
    public String toString() {
        return task.toString();
    }

    /** Builds a {@link GuildPayload}. Not thread-safe. */
    public static final class Builder {
        private final long guildId;
        private Guild guild;
        private List<User> users = List.of();
        private List<Member> members = List.of();
        private List<Presence> presences = List.of();
        private List<Channel> channels = List.of();
        private List<ThreadChannel> threads = List.of();
        private boolean wholeState;
        private boolean wholeMemberList;

        private Builder(long guildId) {
            this.guildId = guildId;
        }

        /** The guild itself (its id must be the payload's); without it, the cached guild is left as it is. */
        public Builder guild(Guild guild) {
            this.guild = Objects.requireNonNull(guild, "guild is null");
            return this;
        }

        /** Users the payload carries (members' users, for instance). */
        public Builder users(Collection<User> users) {
            this.users = List.copyOf(users);
            return this;
        }

        /** The guild's members to write; each must belong to the guild. */
        public Builder members(Collection<Member> members) {
            this.members = List.copyOf(members);
            return this;
        }

        /** The guild's presences to write; each must belong to the guild. */
        public Builder presences(Collection<Presence> presences) {
            this.presences = List.copyOf(presences);
            return this;
        }

        /** The guild's channels to write; each must belong to the guild. */
        public Builder channels(Collection<Channel> channels) {
            this.channels = List.copyOf(channels);
            return this;
        }

        /** The guild's threads to write; each must belong to the guild. */
        public Builder threads(Collection<ThreadChannel> threads) {
            this.threads = List.copyOf(threads);
            return this;
        }

        /**
         * Whether this is the guild's whole state (a GUILD_CREATE): then the presences, channels and threads it does
         * not list are removed, and the guild is no longer marked unavailable. False by default.
         */
        public Builder wholeState(boolean wholeState) {
            this.wholeState = wholeState;
            return this;
        }

        /** Whether the members are every member of the guild: then the others are removed. False by default. */
        public Builder wholeMemberList(boolean wholeMemberList) {
            this.wholeMemberList = wholeMemberList;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a value belongs to another guild
         */
        public GuildPayload build() {
            return new GuildPayload(new GuildWrite(guildId, guild, users, members, presences, channels, threads,
                    wholeState, wholeMemberList));
        }
    }
}
