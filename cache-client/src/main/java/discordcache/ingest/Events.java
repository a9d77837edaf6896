package discordcache.ingest;

import discordcache.client.Change;
import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ChannelField;
import discordcache.model.Emoji;
import discordcache.model.EntityField;
import discordcache.model.Guild;
import discordcache.model.GuildField;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageField;
import discordcache.model.MessageKey;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.Reaction;
import discordcache.model.Role;
import discordcache.model.ShardSession;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadField;
import discordcache.model.ThreadMetadata;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;
import discordcache.model.UserField;
import discordcache.model.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The cache semantics of every dispatch event Discord sends. Each handler reads its whole payload first, so that a
 * bad payload throws before anything is written, then applies it through {@link DiscordCache}'s write API.
 */
final class Events {
    /** Bulk writes are sent in slices of this many entities, in parallel, rather than as one huge operation. */
    private static final int BATCH = 5_000;

    private final DiscordCache cache;
    private final Sessions sessions;

    Events(DiscordCache cache, Sessions sessions) {
        this.cache = cache;
        this.sessions = sessions;
    }

    /** The events the cache does not keep, acknowledged as ignored. */
    static final Set<String> IGNORED = Set.of("TYPING_START", "VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE",
            "VOICE_CHANNEL_STATUS_UPDATE", "VOICE_CHANNEL_START_TIME_UPDATE", "INVITE_CREATE", "INVITE_DELETE",
            "GUILD_BAN_ADD", "GUILD_BAN_REMOVE", "GUILD_INTEGRATIONS_UPDATE", "INTEGRATION_CREATE",
            "INTEGRATION_UPDATE", "INTEGRATION_DELETE", "WEBHOOKS_UPDATE", "GUILD_AUDIT_LOG_ENTRY_CREATE",
            "GUILD_STICKERS_UPDATE", "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE",
            "GUILD_SCHEDULED_EVENT_DELETE", "GUILD_SCHEDULED_EVENT_USER_ADD", "GUILD_SCHEDULED_EVENT_USER_REMOVE",
            "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE",
            "AUTO_MODERATION_RULE_CREATE", "AUTO_MODERATION_RULE_UPDATE", "AUTO_MODERATION_RULE_DELETE",
            "AUTO_MODERATION_ACTION_EXECUTION", "APPLICATION_COMMAND_PERMISSIONS_UPDATE",
            "GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE", "GUILD_SOUNDBOARD_SOUND_DELETE",
            "GUILD_SOUNDBOARD_SOUNDS_UPDATE", "SOUNDBOARD_SOUNDS", "ENTITLEMENT_CREATE", "ENTITLEMENT_UPDATE",
            "ENTITLEMENT_DELETE", "SUBSCRIPTION_CREATE", "SUBSCRIPTION_UPDATE", "SUBSCRIPTION_DELETE",
            "MESSAGE_POLL_VOTE_ADD", "MESSAGE_POLL_VOTE_REMOVE", "THREAD_MEMBER_UPDATE", "PRESENCES_REPLACE",
            "SESSIONS_REPLACE", "RESUMED");

    /** Every event this class applies. */
    static final Set<String> APPLIED = Set.of("READY", "GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE",
            "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_EMOJIS_UPDATE",
            "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE", "GUILD_MEMBERS_CHUNK",
            "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "CHANNEL_PINS_UPDATE", "THREAD_CREATE",
            "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC", "THREAD_MEMBERS_UPDATE", "MESSAGE_CREATE",
            "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK", "MESSAGE_REACTION_ADD",
            "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI",
            "PRESENCE_UPDATE", "USER_UPDATE", "INTERACTION_CREATE");

    /** Reads the payload of {@code event} and returns the action that applies it. */
    Action read(String event, JsonCursor d, Shard shard) {
        return switch (event) {
            case "READY" -> ready(d, shard);
            case "GUILD_CREATE" -> guildCreate(d, shard);
            case "GUILD_UPDATE" -> guildUpdate(d);
            case "GUILD_DELETE" -> guildDelete(d);
            case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" -> roleUpsert(d);
            case "GUILD_ROLE_DELETE" -> roleDelete(d);
            case "GUILD_EMOJIS_UPDATE" -> emojisUpdate(d);
            case "GUILD_MEMBER_ADD" -> memberAdd(d);
            case "GUILD_MEMBER_UPDATE" -> memberUpdate(d);
            case "GUILD_MEMBER_REMOVE" -> memberRemove(d);
            case "GUILD_MEMBERS_CHUNK" -> membersChunk(d);
            case "CHANNEL_CREATE", "CHANNEL_UPDATE" -> channelUpsert(d);
            case "CHANNEL_DELETE" -> channelDelete(d);
            case "CHANNEL_PINS_UPDATE" -> pinsUpdate(d);
            case "THREAD_CREATE", "THREAD_UPDATE" -> threadUpsert(d);
            case "THREAD_DELETE" -> threadDelete(d);
            case "THREAD_LIST_SYNC" -> threadListSync(d);
            case "THREAD_MEMBERS_UPDATE" -> threadMembersUpdate(d);
            case "MESSAGE_CREATE" -> messageCreate(d);
            case "MESSAGE_UPDATE" -> messageUpdate(d);
            case "MESSAGE_DELETE" -> messageDelete(d);
            case "MESSAGE_DELETE_BULK" -> messageDeleteBulk(d);
            case "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE" -> reaction(d, event.endsWith("ADD"));
            case "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI" -> reactionsClear(d);
            case "PRESENCE_UPDATE" -> presenceUpdate(d);
            case "USER_UPDATE" -> userUpdate(d);
            case "INTERACTION_CREATE" -> interaction(d);
            default -> throw new IllegalArgumentException("not an applied event: " + event);
        };
    }

    /** The writes of one event, ready to run. */
    interface Action {
        void apply(Outcome outcome);
    }

    /** What {@link #read} answers for a payload the cache keeps nothing of (a presence outside any guild). */
    static final Action NOTHING_TO_KEEP = outcome -> { };

    /** The shard an event came from. */
    record Shard(int id, int count) {
        boolean owns(long guildId) {
            return (guildId >> 22) % count == id;
        }
    }

    // ---- Session

    private Action ready(JsonCursor d, Shard shard) {
        var ready = new Object() {
            Parsed<User> user;
            String sessionId;
            String resumeUrl;
            final Set<Long> guildIds = new HashSet<>();
        };
        d.object(name -> {
            switch (name) {
                case "user" -> ready.user = EntityJson.user(d);
                case "session_id" -> ready.sessionId = d.requiredString();
                case "resume_gateway_url" -> ready.resumeUrl = d.string();
                case "guilds" -> d.array(index -> ready.guildIds.add(guildId(d)));
                default -> d.skip();
            }
        });
        EntityJson.require(d, ready.user, "user");
        EntityJson.require(d, ready.sessionId, "session_id");
        return outcome -> {
            sessions.started(shard.id(), ready.sessionId);
            sessions.self(ready.user.value().id());
            cache.upsert(CacheMap.SHARD_SESSIONS, new ShardSession(shard.id(), shard.count(), ready.sessionId,
                    ready.resumeUrl, 0, 0));
            upsertUsers(List.of(ready.user), outcome);
            // Until their GUILD_CREATE arrives, the shard's guilds are unavailable; their cached data stays.
            upsertAll(CacheMap.UNAVAILABLE_GUILDS, ready.guildIds.stream()
                    .map(id -> new UnavailableGuild(id, 0)).toList(), outcome);
            // A guild of this shard that READY does not list was left while the gateway was away.
            List<Long> gone = new ArrayList<>();
            for (Long guildId : cache.hazelcast().<Long, Guild>getMap(CacheMap.GUILDS.name()).keySet()) {
                if (shard.owns(guildId) && !ready.guildIds.contains(guildId)) {
                    gone.add(guildId);
                }
            }
            for (Long guildId : cache.hazelcast().<Long, UnavailableGuild>getMap(
                    CacheMap.UNAVAILABLE_GUILDS.name()).keySet()) {
                if (shard.owns(guildId) && !ready.guildIds.contains(guildId) && !gone.contains(guildId)) {
                    gone.add(guildId);
                }
            }
            gone.forEach(guildId -> outcome.removed(cache.removeGuild(guildId)));
        };
    }

    private static long guildId(JsonCursor d) {
        Long[] id = new Long[1];
        d.object(name -> {
            if (name.equals("id")) {
                id[0] = d.snowflake();
            } else {
                d.skip();
            }
        });
        return EntityJson.require(d, id[0], "id");
    }

    // ---- Guilds

    private Action guildCreate(JsonCursor d, Shard shard) {
        List<Parsed<User>> users = new ArrayList<>();
        List<Parsed<Member>> members = new ArrayList<>();
        List<Parsed<Channel>> channels = new ArrayList<>();
        List<Parsed<ThreadChannel>> threads = new ArrayList<>();
        List<Parsed<Presence>> presences = new ArrayList<>();
        boolean[] unavailable = new boolean[1];
        Parsed<Guild> guild = EntityJson.guild(d, (name, in) -> {
            switch (name) {
                case "members" -> in.array(index -> members.add(requireUser(in, EntityJson.member(in, users::add))));
                case "channels" -> in.array(index -> channels.add(EntityJson.channel(in)));
                case "threads" -> in.array(index -> threads.add(EntityJson.thread(in)));
                case "presences" -> in.array(index -> presences.add(EntityJson.presence(in, user -> { })));
                default -> in.skip();
            }
        }, unavailable);
        long guildId = guild.value().id();
        if (unavailable[0]) {
            return outcome -> upsertAll(CacheMap.UNAVAILABLE_GUILDS, List.of(new UnavailableGuild(guildId, 0)),
                    outcome);
        }
        if (!guild.has(GuildField.NAME)) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, d.eventName(), "d.name",
                    "an available guild has a name");
        }
        List<Member> guildMembers = members.stream().map(m -> EntityJson.rekey(m.value(), guildId,
                m.value().userId())).toList();
        List<Channel> guildChannels = channels.stream().map(c -> EntityJson.inGuild(c.value(), guildId)).toList();
        List<ThreadChannel> guildThreads = threads.stream().map(t -> EntityJson.inGuild(t.value(), guildId))
                .toList();
        List<Presence> guildPresences = presences.stream().map(p -> EntityJson.inGuild(p.value(), guildId))
                .toList();
        return outcome -> {
            // GUILD_CREATE is the guild's whole state: what it does not list is gone. Members are listed whole only
            // in guilds Discord does not call large; presences list everyone not offline.
            long[] keptMembers = guild.value().large() ? null
                    : guildMembers.stream().mapToLong(Member::userId).toArray();
            CompletableFuture<Void> sweep = cache.sweepGuildAsync(guildId, keptMembers,
                    guildPresences.stream().mapToLong(Presence::userId).toArray(),
                    guildChannels.stream().mapToLong(Channel::id).toArray(),
                    guildThreads.stream().mapToLong(ThreadChannel::id).toArray())
                    .thenAccept(outcome::removed).toCompletableFuture();
            await(List.of(sweep,
                    upsertAllAsync(CacheMap.GUILDS, List.of(guild.value()), outcome),
                    upsertUsersAsync(users, outcome),
                    upsertAllAsync(CacheMap.MEMBERS, guildMembers, outcome),
                    upsertAllAsync(CacheMap.CHANNELS, guildChannels, outcome),
                    upsertAllAsync(CacheMap.THREADS, guildThreads, outcome),
                    upsertAllAsync(CacheMap.PRESENCES, guildPresences, outcome)));
            // Available once all of it is in.
            cache.delete(CacheMap.UNAVAILABLE_GUILDS, guildId);
        };
    }

    private Action guildUpdate(JsonCursor d) {
        Parsed<Guild> guild = EntityJson.guild(d, (name, in) -> in.skip(), new boolean[1]);
        // GUILD_UPDATE carries no member_count, joined_at or large; should it, the cached ones still win.
        Set<EntityField<Guild>> fields = new HashSet<>(guild.present());
        fields.removeAll(Set.of(GuildField.MEMBER_COUNT, GuildField.JOINED_AT, GuildField.LARGE));
        Patch<Guild> patch = Patch.of(guild.value(), fields);
        return outcome -> outcome.change(join(cache.update(CacheMap.GUILDS, patch).applyForChangeAsync()));
    }

    private Action guildDelete(JsonCursor d) {
        var delete = new Object() {
            Long id;
            boolean unavailable;
        };
        d.object(name -> {
            switch (name) {
                case "id" -> delete.id = d.snowflake();
                case "unavailable" -> delete.unavailable = d.boolOrFalse();
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, delete.id, "id");
        if (delete.unavailable) {
            // An outage: the guild's data stays, marked unavailable until its GUILD_CREATE.
            return outcome -> upsertAll(CacheMap.UNAVAILABLE_GUILDS, List.of(new UnavailableGuild(guildId, 0)),
                    outcome);
        }
        return outcome -> outcome.removed(cache.removeGuild(guildId));
    }

    private Action roleUpsert(JsonCursor d) {
        var event = new Object() {
            Long guildId;
            Role role;
        };
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "role" -> event.role = EntityJson.role(d);
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        Role role = EntityJson.require(d, event.role, "role");
        return outcome -> outcome.change(cache.modify(CacheMap.GUILDS, guildId, guild -> {
            List<Role> roles = new ArrayList<>(guild.roles());
            roles.removeIf(existing -> existing.id() == role.id());
            roles.add(role);
            return withRoles(guild, roles);
        }));
    }

    private Action roleDelete(JsonCursor d) {
        var event = new Object() {
            Long guildId;
            Long roleId;
        };
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "role_id" -> event.roleId = d.snowflake();
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        long roleId = EntityJson.require(d, event.roleId, "role_id");
        return outcome -> {
            outcome.change(cache.modify(CacheMap.GUILDS, guildId, guild -> withRoles(guild,
                    guild.roles().stream().filter(role -> role.id() != roleId).toList())));
            join(cache.stripRoleAsync(guildId, roleId));
        };
    }

    private static Guild withRoles(Guild guild, List<Role> roles) {
        return Patch.of(Templates.guild(guild.id(), roles, List.of(), 0), GuildField.ROLES).applyTo(guild);
    }

    private Action emojisUpdate(JsonCursor d) {
        var event = new Object() {
            Long guildId;
            List<Emoji> emojis;
        };
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "emojis" -> event.emojis = EntityJson.list(d, EntityJson::emoji);
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        List<Emoji> emojis = EntityJson.require(d, event.emojis, "emojis");
        // The set is replaced: emojis it does not list were deleted.
        Patch<Guild> patch = Patch.of(Templates.guild(guildId, List.of(), emojis, 0), GuildField.EMOJIS);
        return outcome -> outcome.change(join(cache.update(CacheMap.GUILDS, patch).applyForChangeAsync()));
    }

    private void changeMemberCount(long guildId, int delta, Outcome outcome) {
        outcome.change(cache.modify(CacheMap.GUILDS, guildId, guild -> Patch.of(Templates.guild(guildId, List.of(),
                List.of(), Math.max(0, guild.memberCount() + delta)), GuildField.MEMBER_COUNT).applyTo(guild)));
    }

    // ---- Members, presences, users

    private Action memberAdd(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Member> member = requireGuildAndUser(d, EntityJson.member(d, users::add));
        return outcome -> {
            upsertUsers(users, outcome);
            Change<Member> change = join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent()
                    .applyForChangeAsync());
            outcome.change(change);
            // Discord may send an ADD for someone already in the guild; only a new member changes the count.
            if (change.previous() == null) {
                changeMemberCount(member.value().guildId(), 1, outcome);
            }
        };
    }

    private Action memberUpdate(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Member> member = requireGuildAndUser(d, EntityJson.member(d, users::add));
        return outcome -> {
            upsertUsers(users, outcome);
            // Fields the event leaves out (nick, pending, deaf, mute, …) keep their cached values.
            outcome.change(join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent()
                    .applyForChangeAsync()));
        };
    }

    private Action memberRemove(JsonCursor d) {
        var event = new Object() {
            Long guildId;
            Parsed<User> user;
        };
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "user" -> event.user = EntityJson.user(d);
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        long userId = EntityJson.require(d, event.user, "user").value().id();
        return outcome -> {
            outcome.change(cache.deleteReturningPrevious(CacheMap.MEMBERS, new MemberKey(guildId, userId)));
            cache.delete(CacheMap.PRESENCES, new PresenceKey(guildId, userId));
            changeMemberCount(guildId, -1, outcome);
        };
    }

    private Action membersChunk(JsonCursor d) {
        var chunk = new Object() {
            Long guildId;
        };
        List<Parsed<User>> users = new ArrayList<>();
        List<Parsed<Member>> members = new ArrayList<>();
        List<Parsed<Presence>> presences = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "guild_id" -> chunk.guildId = d.snowflake();
                case "members" -> d.array(index -> members.add(requireUser(d, EntityJson.member(d, users::add))));
                case "presences" -> d.array(index -> presences.add(EntityJson.presence(d, user -> { })));
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, chunk.guildId, "guild_id");
        List<Member> chunkMembers = members.stream()
                .map(m -> EntityJson.rekey(m.value(), guildId, m.value().userId())).toList();
        List<Presence> chunkPresences = presences.stream().map(p -> EntityJson.inGuild(p.value(), guildId))
                .toList();
        return outcome -> await(List.of(upsertUsersAsync(users, outcome),
                upsertAllAsync(CacheMap.MEMBERS, chunkMembers, outcome),
                upsertAllAsync(CacheMap.PRESENCES, chunkPresences, outcome)));
    }

    private Action presenceUpdate(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Presence> presence = EntityJson.presence(d, users::add);
        if (presence.value().guildId() == 0) {
            // Presences outside guilds (friends of user accounts) are not a bot's.
            return NOTHING_TO_KEEP;
        }
        return outcome -> {
            // Only user.id is guaranteed: the user is changed only in the fields the event carries.
            for (Parsed<User> user : users) {
                if (!user.present().isEmpty()) {
                    outcome.change(join(cache.update(CacheMap.USERS, user.patch()).applyForChangeAsync()));
                }
            }
            Patch<Presence> all = Patch.of(presence.value(), presence.present());
            outcome.change(join(cache.update(CacheMap.PRESENCES, all).insertWhenAbsent().applyForChangeAsync()));
        };
    }

    private Action userUpdate(JsonCursor d) {
        Parsed<User> user = EntityJson.user(d);
        return outcome -> outcome.change(join(cache.update(CacheMap.USERS, user.patch())
                .insertWhenAbsent(user.has(UserField.USERNAME)).applyForChangeAsync()));
    }

    private Action interaction(JsonCursor d) {
        var event = new Object() {
            long guildId;
            Parsed<Member> member;
        };
        List<Parsed<User>> users = new ArrayList<>();
        Map<Long, Parsed<Member>> resolvedMembers = new HashMap<>();
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "member" -> event.member = d.isNull() ? null : EntityJson.member(d, users::add);
                case "user" -> {
                    if (!d.isNull()) {
                        users.add(EntityJson.user(d));
                    }
                }
                case "data" -> d.object(data -> {
                    if (data.equals("resolved")) {
                        resolved(d, users, resolvedMembers);
                    } else {
                        d.skip();
                    }
                });
                default -> d.skip();
            }
        });
        List<Parsed<Member>> members = new ArrayList<>();
        if (event.guildId != 0) {
            if (event.member != null && event.member.value().userId() != 0) {
                members.add(event.member.with(EntityJson.rekey(event.member.value(), event.guildId,
                        event.member.value().userId())));
            }
            resolvedMembers.forEach((userId, member) -> members.add(member.with(
                    EntityJson.rekey(member.value(), event.guildId, userId))));
        }
        return outcome -> {
            upsertUsers(users, outcome);
            for (Parsed<Member> member : members) {
                outcome.change(join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent()
                        .applyForChangeAsync()));
            }
        };
    }

    private static void resolved(JsonCursor d, List<Parsed<User>> users, Map<Long, Parsed<Member>> members) {
        d.object(kind -> {
            switch (kind) {
                case "users" -> d.object(id -> users.add(EntityJson.user(d)));
                case "members" -> d.object(id -> members.put(parseId(d, id), EntityJson.member(d, user -> { })));
                default -> d.skip();
            }
        });
    }

    private static long parseId(JsonCursor d, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw d.error(IngestException.Kind.BAD_VALUE, "not a snowflake key: \"" + id + "\"");
        }
    }

    // ---- Channels and threads

    private Action channelUpsert(JsonCursor d) {
        Parsed<Channel> channel = EntityJson.channel(d);
        if (isThreadType(channel.value().type())) {
            throw d.error(IngestException.Kind.BAD_VALUE, "a thread (type " + channel.value().type()
                    + ") in a channel event; threads come in THREAD_ events");
        }
        return outcome -> outcome.change(join(cache.update(CacheMap.CHANNELS, channel.patch()).insertWhenAbsent()
                .applyForChangeAsync()));
    }

    private static boolean isThreadType(int type) {
        return type == 10 || type == 11 || type == 12;
    }

    private Action channelDelete(JsonCursor d) {
        long channelId = EntityJson.channel(d).value().id();
        return outcome -> outcome.change(cache.removeChannel(channelId));
    }

    private Action pinsUpdate(JsonCursor d) {
        var event = new Object() {
            Long channelId;
            Instant lastPin;
        };
        d.object(name -> {
            switch (name) {
                case "channel_id" -> event.channelId = d.snowflake();
                case "last_pin_timestamp" -> event.lastPin = d.timestamp();
                default -> d.skip();
            }
        });
        long channelId = EntityJson.require(d, event.channelId, "channel_id");
        Channel values = new Channel(channelId, null, 0, null, 0, null, null, false, null, 0, 0, 0, 0,
                event.lastPin, null, 0);
        return outcome -> outcome.change(join(cache.update(CacheMap.CHANNELS,
                Patch.of(values, ChannelField.LAST_PIN_TIMESTAMP)).applyForChangeAsync()));
    }

    private Action threadUpsert(JsonCursor d) {
        Parsed<ThreadChannel> thread = requireThreadIds(d, EntityJson.thread(d));
        return outcome -> outcome.change(join(cache.update(CacheMap.THREADS, thread.patch()).insertWhenAbsent()
                .applyForChangeAsync()));
    }

    private static Parsed<ThreadChannel> requireThreadIds(JsonCursor d, Parsed<ThreadChannel> thread) {
        if (!thread.has(ThreadField.GUILD_ID)) {
            throw d.missing("guild_id");
        }
        if (!thread.has(ThreadField.PARENT_ID)) {
            throw d.missing("parent_id");
        }
        return thread;
    }

    private Action threadDelete(JsonCursor d) {
        long threadId = EntityJson.thread(d).value().id();
        return outcome -> outcome.change(cache.removeThread(threadId));
    }

    private Action threadListSync(JsonCursor d) {
        var event = new Object() {
            Long guildId;
            Set<Long> channelIds;
        };
        List<Parsed<ThreadChannel>> threads = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "guild_id" -> event.guildId = d.snowflake();
                case "channel_ids" -> {
                    event.channelIds = new HashSet<>();
                    for (long id : d.snowflakes()) {
                        event.channelIds.add(id);
                    }
                }
                case "threads" -> d.array(index -> threads.add(EntityJson.thread(d)));
                default -> d.skip();
            }
        });
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        List<ThreadChannel> synced = threads.stream().map(t -> EntityJson.inGuild(t.value(), guildId)).toList();
        Set<Long> syncedIds = new HashSet<>(synced.stream().map(ThreadChannel::id).toList());
        return outcome -> {
            // The active threads of the listed parents (of the whole guild without a list) are replaced.
            for (ThreadChannel cached : cache.threads(guildId)) {
                boolean listedParent = event.channelIds == null || event.channelIds.contains(cached.parentId());
                if (listedParent && !syncedIds.contains(cached.id())) {
                    outcome.change(cache.removeThread(cached.id()));
                }
            }
            upsertAll(CacheMap.THREADS, synced, outcome);
        };
    }

    private Action threadMembersUpdate(JsonCursor d) {
        var event = new Object() {
            Long threadId;
            Long guildId;
            Integer memberCount;
        };
        List<Parsed<User>> users = new ArrayList<>();
        List<Parsed<Member>> members = new ArrayList<>();
        List<Parsed<Presence>> presences = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "id" -> event.threadId = d.snowflake();
                case "guild_id" -> event.guildId = d.snowflake();
                case "member_count" -> event.memberCount = d.int32();
                case "added_members" -> d.array(index -> d.object(field -> {
                    switch (field) {
                        case "member" -> members.add(requireUser(d, EntityJson.member(d, users::add)));
                        case "presence" -> {
                            if (!d.isNull()) {
                                presences.add(EntityJson.presence(d, user -> { }));
                            }
                        }
                        default -> d.skip();
                    }
                }));
                default -> d.skip();
            }
        });
        long threadId = EntityJson.require(d, event.threadId, "id");
        long guildId = EntityJson.require(d, event.guildId, "guild_id");
        List<Member> guildMembers = members.stream()
                .map(m -> EntityJson.rekey(m.value(), guildId, m.value().userId())).toList();
        List<Presence> guildPresences = presences.stream().map(p -> EntityJson.inGuild(p.value(), guildId))
                .toList();
        return outcome -> {
            if (event.memberCount != null) {
                ThreadChannel values = new ThreadChannel(threadId, guildId, 0, null, 11, null, null, 0,
                        event.memberCount, 0, 0, null, new ThreadMetadata(false, 0, null, false, null,
                        null), 0);
                outcome.change(join(cache.update(CacheMap.THREADS, Patch.of(values, ThreadField.MEMBER_COUNT))
                        .applyForChangeAsync()));
            }
            upsertUsers(users, outcome);
            upsertAll(CacheMap.MEMBERS, guildMembers, outcome);
            upsertAll(CacheMap.PRESENCES, guildPresences, outcome);
        };
    }

    // ---- Messages

    private Action messageCreate(JsonCursor d) {
        EntityJson.MessageParts parts = EntityJson.message(d);
        requireCompleteMessage(d, parts.message());
        return outcome -> {
            cache.upsert(CacheMap.MESSAGES, parts.message().value());
            outcome.change(new Change<>(CacheMap.MESSAGES, parts.message().value().key(), null,
                    parts.message().value()));
            messageRelatives(parts, outcome);
        };
    }

    private static void requireCompleteMessage(JsonCursor d, Parsed<Message> message) {
        for (MessageField field : List.of(MessageField.AUTHOR_ID, MessageField.TIMESTAMP)) {
            if (!message.has(field)) {
                throw d.missing(field == MessageField.AUTHOR_ID ? "author" : "timestamp");
            }
        }
    }

    private void messageRelatives(EntityJson.MessageParts parts, Outcome outcome) {
        List<Parsed<User>> users = new ArrayList<>(parts.mentionedUsers());
        if (parts.author() != null) {
            users.add(parts.author());
        }
        upsertUsers(users, outcome);
        List<Parsed<Member>> members = new ArrayList<>(parts.mentionedMembers());
        if (parts.authorMember() != null) {
            members.add(parts.authorMember());
        }
        for (Parsed<Member> member : members) {
            join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent().applyAsync());
        }
        outcome.written(CacheMap.MEMBERS, members.size());
    }

    private Action messageUpdate(JsonCursor d) {
        EntityJson.MessageParts parts = EntityJson.message(d);
        Parsed<Message> message = parts.message();
        // Until 2024 an update could carry only some fields (an embed unfurl); such an update of a message the cache
        // never saw cannot make a whole message, so it is inserted only when it has the fields a message needs.
        boolean complete = message.has(MessageField.AUTHOR_ID) && message.has(MessageField.TIMESTAMP);
        return outcome -> {
            outcome.change(join(cache.update(CacheMap.MESSAGES, message.patch()).insertWhenAbsent(complete)
                    .applyForChangeAsync()));
            messageRelatives(parts, outcome);
        };
    }

    private Action messageDelete(JsonCursor d) {
        MessageKey key = messageKey(d, "id");
        return outcome -> outcome.change(cache.deleteReturningPrevious(CacheMap.MESSAGES, key));
    }

    private Action messageDeleteBulk(JsonCursor d) {
        var event = new Object() {
            Long channelId;
            long[] ids;
        };
        d.object(name -> {
            switch (name) {
                case "channel_id" -> event.channelId = d.snowflake();
                case "ids" -> event.ids = d.snowflakes();
                default -> d.skip();
            }
        });
        long channelId = EntityJson.require(d, event.channelId, "channel_id");
        long[] ids = EntityJson.require(d, event.ids, "ids");
        return outcome -> {
            List<CompletableFuture<Change<Message>>> deletes = new ArrayList<>();
            for (long id : ids) {
                deletes.add(cache.deleteReturningPreviousAsync(CacheMap.MESSAGES, new MessageKey(channelId, id))
                        .toCompletableFuture());
            }
            deletes.forEach(delete -> outcome.change(join(delete)));
        };
    }

    private static MessageKey messageKey(JsonCursor d, String idField) {
        var event = new Object() {
            Long id;
            Long channelId;
        };
        d.object(name -> {
            if (name.equals(idField)) {
                event.id = d.snowflake();
            } else if (name.equals("channel_id")) {
                event.channelId = d.snowflake();
            } else {
                d.skip();
            }
        });
        return new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.id, idField));
    }

    private Action reaction(JsonCursor d, boolean added) {
        var event = new Object() {
            Long userId;
            Long channelId;
            Long messageId;
            long guildId;
            EntityJson.PartialEmoji emoji;
            boolean burst;
            Parsed<Member> member;
        };
        List<Parsed<User>> users = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "user_id" -> event.userId = d.snowflake();
                case "channel_id" -> event.channelId = d.snowflake();
                case "message_id" -> event.messageId = d.snowflake();
                case "guild_id" -> event.guildId = d.snowflake();
                case "emoji" -> event.emoji = EntityJson.partialEmoji(d);
                case "burst" -> event.burst = d.boolOrFalse();
                case "member" -> event.member = d.isNull() ? null : EntityJson.member(d, users::add);
                default -> d.skip();
            }
        });
        long userId = EntityJson.require(d, event.userId, "user_id");
        MessageKey key = new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.messageId, "message_id"));
        EntityJson.PartialEmoji emoji = EntityJson.require(d, event.emoji, "emoji");
        boolean self = sessions.isSelf(userId);
        return outcome -> {
            outcome.change(cache.modify(CacheMap.MESSAGES, key, message -> withReactions(message,
                    count(message.reactions(), emoji, added ? 1 : -1, event.burst, self))));
            if (event.member != null && event.guildId != 0) {
                upsertUsers(users, outcome);
                join(cache.update(CacheMap.MEMBERS, event.member.with(EntityJson.rekey(event.member.value(),
                        event.guildId, userId)).patch()).insertWhenAbsent().applyAsync());
            }
        };
    }

    /** The reactions with one more (or one fewer) of {@code emoji}; a reaction at zero is gone. */
    private static List<Reaction> count(List<Reaction> reactions, EntityJson.PartialEmoji emoji, int delta,
                                        boolean burst, boolean self) {
        List<Reaction> counted = new ArrayList<>();
        Reaction existing = null;
        for (Reaction reaction : reactions) {
            if (emoji.sameAs(reaction)) {
                existing = reaction;
            } else {
                counted.add(reaction);
            }
        }
        Reaction before = existing != null ? existing
                : new Reaction(emoji.id(), emoji.name(), emoji.animated(), 0, 0, false, false);
        int count = Math.max(0, before.count() + delta);
        int burstCount = burst ? Math.max(0, before.burstCount() + delta) : before.burstCount();
        // "me" says whether the bot itself reacted (normally or as a super reaction).
        boolean me = self && !burst ? delta > 0 : before.me();
        boolean meBurst = self && burst ? delta > 0 : before.meBurst();
        if (count > 0) {
            int at = existing == null ? counted.size() : reactions.indexOf(existing);
            counted.add(at, new Reaction(before.emojiId(), before.emojiName(), before.animated(), count, burstCount,
                    me, meBurst));
        }
        return counted;
    }

    private Action reactionsClear(JsonCursor d) {
        var event = new Object() {
            Long channelId;
            Long messageId;
            EntityJson.PartialEmoji emoji;
        };
        d.object(name -> {
            switch (name) {
                case "channel_id" -> event.channelId = d.snowflake();
                case "message_id" -> event.messageId = d.snowflake();
                case "emoji" -> event.emoji = EntityJson.partialEmoji(d);
                default -> d.skip();
            }
        });
        MessageKey key = new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.messageId, "message_id"));
        boolean oneEmoji = d.eventName().equals("MESSAGE_REACTION_REMOVE_EMOJI");
        if (oneEmoji) {
            EntityJson.require(d, event.emoji, "emoji");
        }
        return outcome -> outcome.change(cache.modify(CacheMap.MESSAGES, key, message -> withReactions(message,
                oneEmoji ? message.reactions().stream().filter(reaction -> !event.emoji.sameAs(reaction)).toList()
                        : List.of())));
    }

    private static Message withReactions(Message message, List<Reaction> reactions) {
        return Patch.of(Templates.message(message.channelId(), message.id(), reactions), MessageField.REACTIONS)
                .applyTo(message);
    }

    // ---- Shared

    private Parsed<Member> requireGuildAndUser(JsonCursor d, Parsed<Member> member) {
        if (member.value().guildId() == 0) {
            throw d.missing("guild_id");
        }
        return requireUser(d, member);
    }

    private static Parsed<Member> requireUser(JsonCursor d, Parsed<Member> member) {
        if (member.value().userId() == 0) {
            throw d.missing("user.id");
        }
        return member;
    }

    private void upsertUsers(Collection<Parsed<User>> users, Outcome outcome) {
        join(upsertUsersAsync(users, outcome));
    }

    /** Users as the payload carries them: whole ones are written, partial ones update only what they carry. */
    private CompletableFuture<Void> upsertUsersAsync(Collection<Parsed<User>> users, Outcome outcome) {
        Map<Long, User> whole = new LinkedHashMap<>();
        List<CompletableFuture<?>> partial = new ArrayList<>();
        for (Parsed<User> user : users) {
            if (user.has(UserField.USERNAME)) {
                whole.put(user.value().id(), user.value());
            } else if (!user.present().isEmpty()) {
                partial.add(cache.update(CacheMap.USERS, user.patch()).applyAsync().toCompletableFuture());
            }
        }
        partial.add(upsertAllAsync(CacheMap.USERS, whole.values(), outcome));
        return CompletableFuture.allOf(partial.toArray(CompletableFuture[]::new));
    }

    private <K, V extends Versioned<V>> void upsertAll(CacheMap<K, V> map, Collection<V> values, Outcome outcome) {
        join(upsertAllAsync(map, values, outcome));
    }

    private <K, V extends Versioned<V>> CompletableFuture<Void> upsertAllAsync(CacheMap<K, V> map,
                                                                               Collection<V> values,
                                                                               Outcome outcome) {
        // A payload may list one entity twice (a chunk with a member twice): the later one is the one kept.
        Map<K, V> byKey = new LinkedHashMap<>();
        values.forEach(value -> byKey.put(map.keyOf(value), value));
        List<V> all = new ArrayList<>(byKey.values());
        List<CompletableFuture<?>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            slices.add(cache.upsertAllAsync(map, all.subList(from, Math.min(all.size(), from + BATCH)))
                    .toCompletableFuture());
        }
        outcome.written(map, all.size());
        return CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new));
    }

    private static void await(List<CompletableFuture<?>> steps) {
        join(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)));
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
