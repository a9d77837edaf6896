package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.ingest.Events.Action;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ChannelField;
import discordcache.model.Member;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadField;
import discordcache.model.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static discordcache.ingest.Writes.join;
import static discordcache.ingest.Writes.requireUser;

/** Channels and threads: each kind in its own map, since Discord sends them in separate events. */
final class ChannelEvents {
    private final DiscordCache cache;
    private final Writes writes;

    ChannelEvents(DiscordCache cache, Writes writes) {
        this.cache = cache;
        this.writes = writes;
    }

    Action upsert(JsonCursor d) {
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

    Action delete(JsonCursor d) {
        long channelId = EntityJson.channel(d).value().id();
        return outcome -> outcome.change(cache.gateway().removeChannel(channelId));
    }

    Action pinsUpdate(JsonCursor d) {
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
        Channel values = Templates.channel(channelId, null, 0, null, event.lastPin);
        return outcome -> outcome.change(join(cache.update(CacheMap.CHANNELS,
                Patch.of(values, ChannelField.LAST_PIN_TIMESTAMP)).applyForChangeAsync()));
    }

    Action threadUpsert(JsonCursor d) {
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

    Action threadDelete(JsonCursor d) {
        long threadId = EntityJson.thread(d).value().id();
        return outcome -> outcome.change(cache.gateway().removeThread(threadId));
    }

    Action threadListSync(JsonCursor d) {
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
            // The active threads of the listed parents (of the whole guild without a list) are replaced; archived
            // ones are never listed, and stay.
            for (ThreadChannel cached : cache.threads(guildId)) {
                boolean listedParent = event.channelIds == null || event.channelIds.contains(cached.parentId());
                if (listedParent && !cached.metadata().archived() && !syncedIds.contains(cached.id())) {
                    outcome.change(cache.gateway().removeThread(cached.id()));
                }
            }
            writes.upsertAll(CacheMap.THREADS, synced, outcome);
        };
    }

    Action threadMembersUpdate(JsonCursor d) {
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
                ThreadChannel values = Templates.thread(threadId, null, event.memberCount);
                outcome.change(join(cache.update(CacheMap.THREADS, Patch.of(values, ThreadField.MEMBER_COUNT))
                        .applyForChangeAsync()));
            }
            writes.upsertUsers(users, outcome);
            writes.upsertAll(CacheMap.MEMBERS, guildMembers, outcome);
            writes.upsertAll(CacheMap.PRESENCES, guildPresences, outcome);
        };
    }
}
