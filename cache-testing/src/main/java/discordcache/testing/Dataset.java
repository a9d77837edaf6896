package discordcache.testing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.ThreadChannel;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated cache content: guilds with their members, channels, threads, messages and presences. */
public final class Dataset {
    public final Map<Long, User> users = new LinkedHashMap<>();
    public final Map<Long, Guild> guilds = new LinkedHashMap<>();
    public final Map<MemberKey, Member> members = new LinkedHashMap<>();
    public final Map<Long, Channel> channels = new LinkedHashMap<>();
    public final Map<Long, ThreadChannel> threads = new LinkedHashMap<>();
    public final Map<MessageKey, Message> messages = new LinkedHashMap<>();
    public final Map<PresenceKey, Presence> presences = new LinkedHashMap<>();
    public final Map<Long, UnavailableGuild> unavailableGuilds = new LinkedHashMap<>();

    /**
     * @param guildCount         guilds
     * @param membersPerGuild    members (and users) per guild
     * @param channelsPerGuild   text channels per guild, each with one thread
     * @param messagesPerChannel messages per channel
     */
    public static Dataset generate(long seed, int guildCount, int membersPerGuild, int channelsPerGuild,
                                   int messagesPerChannel) {
        Entities e = new Entities(seed);
        Dataset d = new Dataset();
        long sequence = 0;
        for (int g = 0; g < guildCount; g++) {
            long guildId = e.snowflake(++sequence);
            List<Long> roleIds = new ArrayList<>(List.of(guildId));
            for (int r = 0; r < 6; r++) {
                roleIds.add(e.snowflake(++sequence));
            }
            d.guilds.put(guildId, e.guild(guildId, roleIds, 1));
            List<Long> userIds = new ArrayList<>();
            for (int m = 0; m < membersPerGuild; m++) {
                long userId = e.snowflake(++sequence);
                userIds.add(userId);
                d.users.put(userId, e.user(userId, 1));
                Member member = e.member(guildId, userId, roleIds.subList(1, roleIds.size()), 1);
                d.members.put(member.key(), member);
                if (m % 5 == 0) {
                    Presence presence = e.presence(guildId, userId, 1);
                    d.presences.put(presence.key(), presence);
                }
            }
            for (int c = 0; c < channelsPerGuild; c++) {
                long channelId = e.snowflake(++sequence);
                d.channels.put(channelId, e.channel(channelId, guildId, null, 1));
                long threadId = e.snowflake(++sequence);
                d.threads.put(threadId, e.thread(threadId, guildId, channelId, 1));
                for (int n = 0; n < messagesPerChannel; n++) {
                    Message message = e.message(e.snowflake(++sequence), channelId, guildId,
                            userIds.get(n % userIds.size()), 1);
                    d.messages.put(message.key(), message);
                }
            }
            if (g % 10 == 0) {
                long unavailableId = e.snowflake(++sequence);
                d.unavailableGuilds.put(unavailableId, e.unavailableGuild(unavailableId, 1));
            }
        }
        return d;
    }

    /** Every entity, by map. */
    public Map<CacheMap<?, ?>, Map<?, ?>> byMap() {
        Map<CacheMap<?, ?>, Map<?, ?>> all = new LinkedHashMap<>();
        all.put(CacheMap.USERS, users);
        all.put(CacheMap.GUILDS, guilds);
        all.put(CacheMap.MEMBERS, members);
        all.put(CacheMap.CHANNELS, channels);
        all.put(CacheMap.THREADS, threads);
        all.put(CacheMap.MESSAGES, messages);
        all.put(CacheMap.PRESENCES, presences);
        all.put(CacheMap.UNAVAILABLE_GUILDS, unavailableGuilds);
        return all;
    }

    public int size() {
        return byMap().values().stream().mapToInt(Map::size).sum();
    }

    /** Writes every entity through the IMaps, in batches. */
    public void writeTo(HazelcastInstance hazelcast) {
        byMap().forEach((map, entries) -> setAll(hazelcast.getMap(map.name()), entries));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void setAll(IMap<K, V> map, Map<?, ?> entries) {
        Map<K, V> batch = new HashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            batch.put((K) entry.getKey(), (V) entry.getValue());
            if (batch.size() == 1_000) {
                map.setAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            map.setAll(batch);
        }
    }
}
