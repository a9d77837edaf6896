package discordcache.cli;

import discordcache.model.Member;
import discordcache.model.Snowflakes;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The --json output: records by component name, instants as ISO-8601 strings, id lists as number arrays. */
class JsonTest {
    @Test
    void entitiesRenderWithIsoInstantsAndIdArrays() {
        Member member = new Member(81384788765712384L, 80351110224678912L, "nick", null, null, Snowflakes.of(1, 2),
                Instant.parse("2024-05-06T07:08:09.123Z"), null, false, true, false, 0, null, 42);
        assertEquals("""
                {
                  "guildId" : 81384788765712384,
                  "userId" : 80351110224678912,
                  "nick" : "nick",
                  "avatar" : null,
                  "banner" : null,
                  "roles" : [ 1, 2 ],
                  "joinedAt" : "2024-05-06T07:08:09.123Z",
                  "premiumSince" : null,
                  "deaf" : false,
                  "mute" : true,
                  "pending" : false,
                  "flags" : 0,
                  "communicationDisabledUntil" : null,
                  "version" : 42
                }""", Json.text(member));
    }
}
