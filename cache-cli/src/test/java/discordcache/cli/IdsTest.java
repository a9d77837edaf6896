package discordcache.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys as users type them: one snowflake, or two joined by ':' for members, messages and presences. */
class IdsTest {
    @Test
    void snowflakesAreDecimalLongs() {
        assertEquals(81384788765712384L, Ids.snowflake("81384788765712384"));
        assertEquals(Long.MAX_VALUE, Ids.snowflake("9223372036854775807"));
        for (String bad : new String[] {"", " 1", "1 ", "-1", "+1", "0x1f", "1.0", "9223372036854775808",
                "12345678901234567890"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.snowflake(bad), bad);
            assertEquals("'" + bad + "' is not a Discord id (a decimal number such as 81384788765712384)",
                    e.getMessage());
        }
    }

    @Test
    void memberAndPresenceKeysAreGuildThenUser() {
        assertArrayEquals(new long[] {81384788765712384L, 80351110224678912L},
                Entity.MEMBER.parseKey("81384788765712384:80351110224678912"));
        assertArrayEquals(new long[] {1, 2}, Entity.PRESENCE.parseKey("1:2"));
    }

    @Test
    void messageKeysAreChannelThenMessage() {
        assertArrayEquals(new long[] {10, 20}, Entity.MESSAGE.parseKey("10:20"));
    }

    @Test
    void singleIdsHaveNoSeparator() {
        assertArrayEquals(new long[] {7}, Entity.USER.parseKey("7"));
        assertEquals("guild key: expected GUILD_ID, got '1:2'",
                assertThrows(IllegalArgumentException.class, () -> Entity.GUILD.parseKey("1:2")).getMessage());
    }

    @Test
    void badKeysSayWhichPartIsWrong() {
        assertEquals("member key: expected GUILD_ID:USER_ID, got '1' (e.g. 81384788765712384:80351110224678912)",
                assertThrows(IllegalArgumentException.class, () -> Entity.MEMBER.parseKey("1")).getMessage());
        assertEquals("member key: expected GUILD_ID:USER_ID, got '1:2:3' (e.g. 81384788765712384:80351110224678912)",
                assertThrows(IllegalArgumentException.class, () -> Entity.MEMBER.parseKey("1:2:3")).getMessage());
        assertEquals("message key: CHANNEL_ID of ':2': '' is not a Discord id (a decimal number such as "
                        + "81384788765712384)",
                assertThrows(IllegalArgumentException.class, () -> Entity.MESSAGE.parseKey(":2")).getMessage());
        assertEquals("presence key: USER_ID of '1:x': 'x' is not a Discord id (a decimal number such as "
                        + "81384788765712384)",
                assertThrows(IllegalArgumentException.class, () -> Entity.PRESENCE.parseKey("1:x")).getMessage());
    }
}
