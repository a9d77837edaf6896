package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.client.GuildPayload;
import discordcache.ingest.Events.Action;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Emoji;
import discordcache.model.EntityField;
import discordcache.model.Guild;
import discordcache.model.GuildField;
import discordcache.model.Member;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.Role;
import discordcache.model.ThreadChannel;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static discordcache.ingest.Writes.await;
import static discordcache.ingest.Writes.join;
import static discordcache.ingest.Writes.requireUser;

/** A guild as a whole (its creation, updates and deletion) and the lists it holds itself: roles and emojis. */
final class GuildEvents {
    private final DiscordCache cache;
    private final Writes writes;

    GuildEvents(DiscordCache cache, Writes writes) {
        this.cache = cache;
        this.writes = writes;
    }

    Action create(JsonCursor d) {
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
            return outcome -> writes.upsertAll(CacheMap.UNAVAILABLE_GUILDS,
                    List.of(new UnavailableGuild(guildId, 0)), outcome);
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
        // GUILD_CREATE lists every member only for a bot with the presences intent and a guild under 75,000
        // members; whether it did, its member_count says.
        long listedMembers = guildMembers.stream().mapToLong(Member::userId).distinct().count();
        boolean wholeList = guild.has(GuildField.MEMBER_COUNT) && listedMembers >= guild.value().memberCount();
        Guild guildValue = Patch.of(Templates.guild(guildId, List.of(), List.of(), 0, wholeList),
                GuildField.MEMBER_LIST_COMPLETE).applyTo(guild.value());
        // GUILD_CREATE is the guild's whole state: what it does not list is gone (members only when it lists them all;
        // presences list everyone not offline). Users it carries whole go with it; partial ones are merged.
        List<User> wholeUsers = Writes.wholeUsers(users);
        GuildPayload payload = GuildPayload.builder(guildId).guild(guildValue).users(wholeUsers)
                .members(guildMembers).presences(guildPresences).channels(guildChannels).threads(guildThreads)
                .wholeState(true).wholeMemberList(wholeList).build();
        return outcome -> await(List.of(
                cache.gateway().writeGuildAsync(payload).thenAccept(outcome::counted).toCompletableFuture(),
                writes.updatePartialUsersAsync(users, outcome)));
    }

    Action update(JsonCursor d) {
        Parsed<Guild> guild = EntityJson.guild(d, (name, in) -> in.skip(), new boolean[1]);
        // GUILD_UPDATE carries no member_count, joined_at or large; should it, the cached ones still win.
        Set<EntityField<Guild>> fields = new HashSet<>(guild.present());
        fields.removeAll(Set.of(GuildField.MEMBER_COUNT, GuildField.JOINED_AT, GuildField.LARGE));
        Patch<Guild> patch = Patch.of(guild.value(), fields);
        return outcome -> outcome.change(join(cache.update(CacheMap.GUILDS, patch).applyForChangeAsync()));
    }

    Action delete(JsonCursor d) {
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
            return outcome -> writes.upsertAll(CacheMap.UNAVAILABLE_GUILDS,
                    List.of(new UnavailableGuild(guildId, 0)), outcome);
        }
        return outcome -> outcome.counted(cache.gateway().removeGuild(guildId));
    }

    Action roleUpsert(JsonCursor d) {
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

    Action roleDelete(JsonCursor d) {
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
            join(cache.gateway().stripRoleAsync(guildId, roleId));
        };
    }

    private static Guild withRoles(Guild guild, List<Role> roles) {
        return Patch.of(Templates.guild(guild.id(), roles, List.of(), 0, false), GuildField.ROLES).applyTo(guild);
    }

    Action emojisUpdate(JsonCursor d) {
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
        Patch<Guild> patch = Patch.of(Templates.guild(guildId, List.of(), emojis, 0, false), GuildField.EMOJIS);
        return outcome -> outcome.change(join(cache.update(CacheMap.GUILDS, patch).applyForChangeAsync()));
    }
}
