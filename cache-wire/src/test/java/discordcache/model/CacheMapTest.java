package discordcache.model;

import org.junit.jupiter.api.Test;

import static discordcache.model.Fixtures.CHANNEL_ID;
import static discordcache.model.Fixtures.GUILD_ID;
import static discordcache.model.Fixtures.MESSAGE_ID;
import static discordcache.model.Fixtures.THREAD_ID;
import static discordcache.model.Fixtures.USER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CacheMapTest {
    @Test
    void keyOf_isTheKeyEachValueIsCachedUnder() {
        assertEquals(USER_ID, CacheMap.USERS.keyOf(Fixtures.user(1)));
        assertEquals(GUILD_ID, CacheMap.GUILDS.keyOf(Fixtures.guild(1)));
        assertEquals(new MemberKey(GUILD_ID, USER_ID), CacheMap.MEMBERS.keyOf(Fixtures.member(1)));
        assertEquals(CHANNEL_ID, CacheMap.CHANNELS.keyOf(Fixtures.channel(1)));
        assertEquals(THREAD_ID, CacheMap.THREADS.keyOf(Fixtures.thread(1)));
        assertEquals(new MessageKey(CHANNEL_ID, MESSAGE_ID), CacheMap.MESSAGES.keyOf(Fixtures.message(1)));
        assertEquals(new PresenceKey(GUILD_ID, USER_ID), CacheMap.PRESENCES.keyOf(Fixtures.presence(1)));
        assertEquals(GUILD_ID, CacheMap.UNAVAILABLE_GUILDS.keyOf(Fixtures.unavailableGuild(1)));
    }

    @Test
    void keyOf_rejectsNull() {
        assertThrows(NullPointerException.class, () -> CacheMap.USERS.keyOf(null));
    }
}
