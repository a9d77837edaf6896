package discordcache.ingest;

import discordcache.client.Change;
import discordcache.client.DiscordCache;
import discordcache.client.MemberCount;
import discordcache.ingest.Events.Action;
import discordcache.model.CacheMap;
import discordcache.model.GuildField;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.User;
import discordcache.model.UserField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static discordcache.ingest.Writes.await;
import static discordcache.ingest.Writes.join;
import static discordcache.ingest.Writes.requireGuildAndUser;
import static discordcache.ingest.Writes.requireUser;

/**
 * Who is in a guild and what Discord says of them: members joining, changing and leaving (and the guild's member
 * count with them), member chunks, presences, users, and the members and users an interaction resolves.
 */
final class MemberEvents {
    private final DiscordCache cache;
    private final Writes writes;

    MemberEvents(DiscordCache cache, Writes writes) {
        this.cache = cache;
        this.writes = writes;
    }

    Action add(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Member> member = requireGuildAndUser(d, EntityJson.member(d, users::add));
        return outcome -> {
            writes.upsertUsers(users, outcome);
            Change<Member> change = join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent()
                    .applyForChangeAsync());
            outcome.change(change);
            // Discord may send an ADD for someone already in the guild; only a new member changes the count.
            if (change.previous() == null) {
                changeMemberCount(member.value().guildId(), 1, outcome);
            }
        };
    }

    Action update(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Member> member = requireGuildAndUser(d, EntityJson.member(d, users::add));
        return outcome -> {
            writes.upsertUsers(users, outcome);
            // Fields the event leaves out (nick, pending, deaf, mute, …) keep their cached values.
            outcome.change(join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent()
                    .applyForChangeAsync()));
        };
    }

    Action remove(JsonCursor d) {
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

    private void changeMemberCount(long guildId, int delta, Outcome outcome) {
        outcome.change(cache.modify(CacheMap.GUILDS, guildId, guild -> Patch.of(Templates.guild(guildId, List.of(),
                List.of(), Math.max(0, guild.memberCount() + delta), false), GuildField.MEMBER_COUNT).applyTo(guild)));
    }

    Action chunk(JsonCursor d) {
        var chunk = new Object() {
            Long guildId;
            int index;
            int count = 1;
        };
        List<Parsed<User>> users = new ArrayList<>();
        List<Parsed<Member>> members = new ArrayList<>();
        List<Parsed<Presence>> presences = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "guild_id" -> chunk.guildId = d.snowflake();
                case "chunk_index" -> chunk.index = d.int32();
                case "chunk_count" -> chunk.count = d.int32();
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
        return outcome -> {
            await(List.of(writes.upsertUsersAsync(users, outcome),
                    writes.upsertAllAsync(CacheMap.MEMBERS, chunkMembers, outcome),
                    writes.upsertAllAsync(CacheMap.PRESENCES, chunkPresences, outcome)));
            if (chunk.index + 1 == chunk.count) {
                // The last chunk of a request: the list is whole if the cache now holds as many as Discord counts
                // (a request for some members only leaves it as it was).
                MemberCount count = cache.memberCount(guildId);
                if (count.reported() != null && count.cached() >= count.reported()) {
                    outcome.change(join(cache.update(CacheMap.GUILDS, Patch.of(Templates.guild(guildId, List.of(),
                            List.of(), 0, true), GuildField.MEMBER_LIST_COMPLETE)).applyForChangeAsync()));
                }
            }
        };
    }

    Action presenceUpdate(JsonCursor d) {
        List<Parsed<User>> users = new ArrayList<>();
        Parsed<Presence> presence = EntityJson.presence(d, users::add);
        if (presence.value().guildId() == 0) {
            // Presences outside guilds (friends of user accounts) are not a bot's.
            return Events.NOTHING_TO_KEEP;
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

    Action userUpdate(JsonCursor d) {
        Parsed<User> user = EntityJson.user(d);
        return outcome -> outcome.change(join(cache.update(CacheMap.USERS, user.patch())
                .insertWhenAbsent(user.has(UserField.USERNAME)).applyForChangeAsync()));
    }

    Action interaction(JsonCursor d) {
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
            writes.upsertUsers(users, outcome);
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
}
