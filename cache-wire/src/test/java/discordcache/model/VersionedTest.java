package discordcache.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Versioned#withVersion} must change the version and nothing else, for every entity. */
class VersionedTest {
    @Test
    void withVersion_changesOnlyTheVersion() {
        assertEquals(Fixtures.user(9), Fixtures.user(1).withVersion(9));
        assertEquals(Fixtures.guild(9), Fixtures.guild(1).withVersion(9));
        assertEquals(Fixtures.member(9), Fixtures.member(1).withVersion(9));
        assertEquals(Fixtures.channel(9), Fixtures.channel(1).withVersion(9));
        assertEquals(Fixtures.thread(9), Fixtures.thread(1).withVersion(9));
        assertEquals(Fixtures.message(9), Fixtures.message(1).withVersion(9));
        assertEquals(Fixtures.presence(9), Fixtures.presence(1).withVersion(9));
        assertEquals(Fixtures.unavailableGuild(9), Fixtures.unavailableGuild(1).withVersion(9));
    }

    @Test
    void version_isTheLastComponent() {
        Versioned<Member> member = Fixtures.member(42);
        assertEquals(42, member.version());
        assertEquals(7, member.withVersion(7).version());
    }
}
