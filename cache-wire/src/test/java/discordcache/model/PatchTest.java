package discordcache.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static discordcache.model.Fixtures.GUILD_ID;
import static discordcache.model.Fixtures.T1;
import static discordcache.model.Fixtures.T2;
import static discordcache.model.Fixtures.T3;
import static discordcache.model.Fixtures.USER_ID;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchTest {
    /** An updatable field and an independent way to read it, to check each merge wires each field to itself. */
    record Field<V>(EntityField<V> field, Function<V, Object> get) {
        @Override
        public String toString() {
            return field.name();
        }
    }

    /**
     * One entity kind: a current value, values with the same key (one differing in every field, one with every
     * nullable field null), a value with another key, and every field of the kind's enum with its accessor.
     */
    record Kind<V extends Versioned<V>>(CacheMap<?, V> map, V current, V other, V nulls, V otherKey,
                                        List<? extends EntityField<V>> enumConstants, List<Field<V>> fields) {
        @Override
        public String toString() {
            return map.name();
        }
    }

    private static <V> Field<V> field(EntityField<V> field, Function<V, Object> get) {
        return new Field<>(field, get);
    }

    static Stream<Kind<?>> kinds() {
        return Stream.of(
                new Kind<>(CacheMap.USERS, Fixtures.user(1), Fixtures.otherUser(), Fixtures.userNulls(),
                        new User(11, "bob", null, null, null, null, null, 0, false, false, 1),
                        List.of(UserField.values()), List.of(
                        field(UserField.USERNAME, User::username), field(UserField.DISCRIMINATOR, User::discriminator),
                        field(UserField.GLOBAL_NAME, User::globalName), field(UserField.AVATAR, User::avatar),
                        field(UserField.BANNER, User::banner), field(UserField.ACCENT_COLOR, User::accentColor),
                        field(UserField.PUBLIC_FLAGS, User::publicFlags), field(UserField.BOT, User::bot),
                        field(UserField.SYSTEM, User::system))),
                new Kind<>(CacheMap.GUILDS, Fixtures.guild(1), Fixtures.otherGuild(), Fixtures.guildNulls(),
                        new Guild(2, "other", null, null, null, null, 1, null, 0, null, null, null, 0, 0, 0, 0, 0, 0,
                                0, null, null, null, 0, false, null, null, null, false, 1),
                        List.of(GuildField.values()), List.of(
                        field(GuildField.NAME, Guild::name), field(GuildField.ICON, Guild::icon),
                        field(GuildField.SPLASH, Guild::splash), field(GuildField.BANNER, Guild::banner),
                        field(GuildField.DESCRIPTION, Guild::description), field(GuildField.OWNER_ID, Guild::ownerId),
                        field(GuildField.AFK_CHANNEL_ID, Guild::afkChannelId),
                        field(GuildField.AFK_TIMEOUT, Guild::afkTimeout),
                        field(GuildField.SYSTEM_CHANNEL_ID, Guild::systemChannelId),
                        field(GuildField.RULES_CHANNEL_ID, Guild::rulesChannelId),
                        field(GuildField.PUBLIC_UPDATES_CHANNEL_ID, Guild::publicUpdatesChannelId),
                        field(GuildField.VERIFICATION_LEVEL, Guild::verificationLevel),
                        field(GuildField.DEFAULT_MESSAGE_NOTIFICATIONS, Guild::defaultMessageNotifications),
                        field(GuildField.EXPLICIT_CONTENT_FILTER, Guild::explicitContentFilter),
                        field(GuildField.MFA_LEVEL, Guild::mfaLevel), field(GuildField.NSFW_LEVEL, Guild::nsfwLevel),
                        field(GuildField.PREMIUM_TIER, Guild::premiumTier),
                        field(GuildField.PREMIUM_SUBSCRIPTION_COUNT, Guild::premiumSubscriptionCount),
                        field(GuildField.PREFERRED_LOCALE, Guild::preferredLocale),
                        field(GuildField.VANITY_URL_CODE, Guild::vanityUrlCode),
                        field(GuildField.FEATURES, Guild::features), field(GuildField.MEMBER_COUNT, Guild::memberCount),
                        field(GuildField.LARGE, Guild::large), field(GuildField.JOINED_AT, Guild::joinedAt),
                        field(GuildField.ROLES, Guild::roles), field(GuildField.EMOJIS, Guild::emojis),
                        field(GuildField.MEMBER_LIST_COMPLETE, Guild::memberListComplete))),
                new Kind<>(CacheMap.MEMBERS, Fixtures.member(1), Fixtures.otherMember(), Fixtures.memberNulls(),
                        new Member(GUILD_ID, 11, null, null, null, null, null, null, false, false, false, 0, null, 1),
                        List.of(MemberField.values()), List.of(
                        field(MemberField.NICK, Member::nick), field(MemberField.AVATAR, Member::avatar),
                        field(MemberField.BANNER, Member::banner), field(MemberField.ROLES, Member::roles),
                        field(MemberField.JOINED_AT, Member::joinedAt),
                        field(MemberField.PREMIUM_SINCE, Member::premiumSince), field(MemberField.DEAF, Member::deaf),
                        field(MemberField.MUTE, Member::mute), field(MemberField.PENDING, Member::pending),
                        field(MemberField.FLAGS, Member::flags),
                        field(MemberField.COMMUNICATION_DISABLED_UNTIL, Member::communicationDisabledUntil))),
                new Kind<>(CacheMap.CHANNELS, Fixtures.channel(1), Fixtures.otherChannel(), Fixtures.channelNulls(),
                        new Channel(21, null, 0, null, 0, null, null, false, null, 0, 0, 0, 0, null, null, 1),
                        List.of(ChannelField.values()), List.of(
                        field(ChannelField.GUILD_ID, Channel::guildId), field(ChannelField.TYPE, Channel::type),
                        field(ChannelField.NAME, Channel::name), field(ChannelField.POSITION, Channel::position),
                        field(ChannelField.PARENT_ID, Channel::parentId), field(ChannelField.TOPIC, Channel::topic),
                        field(ChannelField.NSFW, Channel::nsfw),
                        field(ChannelField.LAST_MESSAGE_ID, Channel::lastMessageId),
                        field(ChannelField.RATE_LIMIT_PER_USER, Channel::rateLimitPerUser),
                        field(ChannelField.BITRATE, Channel::bitrate), field(ChannelField.USER_LIMIT, Channel::userLimit),
                        field(ChannelField.FLAGS, Channel::flags),
                        field(ChannelField.LAST_PIN_TIMESTAMP, Channel::lastPinTimestamp),
                        field(ChannelField.PERMISSION_OVERWRITES, Channel::permissionOverwrites))),
                new Kind<>(CacheMap.THREADS, Fixtures.thread(1), Fixtures.otherThread(), Fixtures.threadNulls(),
                        new ThreadChannel(31, GUILD_ID, 20, null, 11, null, null, 0, 0, 0, 0, null,
                                new ThreadMetadata(false, 60, null, false, null, null), 1),
                        List.of(ThreadField.values()), List.of(
                        field(ThreadField.GUILD_ID, ThreadChannel::guildId),
                        field(ThreadField.PARENT_ID, ThreadChannel::parentId),
                        field(ThreadField.OWNER_ID, ThreadChannel::ownerId),
                        field(ThreadField.TYPE, ThreadChannel::type), field(ThreadField.NAME, ThreadChannel::name),
                        field(ThreadField.LAST_MESSAGE_ID, ThreadChannel::lastMessageId),
                        field(ThreadField.MESSAGE_COUNT, ThreadChannel::messageCount),
                        field(ThreadField.MEMBER_COUNT, ThreadChannel::memberCount),
                        field(ThreadField.RATE_LIMIT_PER_USER, ThreadChannel::rateLimitPerUser),
                        field(ThreadField.FLAGS, ThreadChannel::flags),
                        field(ThreadField.APPLIED_TAGS, ThreadChannel::appliedTags),
                        field(ThreadField.METADATA, ThreadChannel::metadata))),
                new Kind<>(CacheMap.MESSAGES, Fixtures.message(1), Fixtures.otherMessage(), Fixtures.messageNulls(),
                        new Message(41, 20, null, USER_ID, null, T1, null, 0, 0, false, false, false, null, null,
                                null, null, null, null, null, null, 1),
                        List.of(MessageField.values()), List.of(
                        field(MessageField.GUILD_ID, Message::guildId), field(MessageField.AUTHOR_ID, Message::authorId),
                        field(MessageField.CONTENT, Message::content), field(MessageField.TIMESTAMP, Message::timestamp),
                        field(MessageField.EDITED_TIMESTAMP, Message::editedTimestamp),
                        field(MessageField.TYPE, Message::type), field(MessageField.FLAGS, Message::flags),
                        field(MessageField.TTS, Message::tts),
                        field(MessageField.MENTION_EVERYONE, Message::mentionEveryone),
                        field(MessageField.PINNED, Message::pinned), field(MessageField.WEBHOOK_ID, Message::webhookId),
                        field(MessageField.MENTION_IDS, Message::mentionIds),
                        field(MessageField.MENTION_ROLE_IDS, Message::mentionRoleIds),
                        field(MessageField.REFERENCED_MESSAGE_ID, Message::referencedMessageId),
                        field(MessageField.ATTACHMENTS_JSON, Message::attachmentsJson),
                        field(MessageField.EMBEDS_JSON, Message::embedsJson),
                        field(MessageField.COMPONENTS_JSON, Message::componentsJson),
                        field(MessageField.REACTIONS, Message::reactions))),
                new Kind<>(CacheMap.PRESENCES, Fixtures.presence(1), Fixtures.otherPresence(),
                        Fixtures.presenceNulls(), new Presence(2, USER_ID, "online", null, null, 1),
                        List.of(PresenceField.values()), List.of(
                        field(PresenceField.STATUS, Presence::status),
                        field(PresenceField.CLIENT_STATUS, Presence::clientStatus),
                        field(PresenceField.ACTIVITIES_JSON, Presence::activitiesJson))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void theTestsListEveryFieldOfTheEnumInOrder(Kind<V> kind) {
        assertEquals(kind.enumConstants(), kind.fields().stream().map(Field::field).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void eachField_setsThatFieldAndOnlyThatField(Kind<V> kind) {
        for (Field<V> patched : kind.fields()) {
            assertNotEquals(patched.get().apply(kind.current()), patched.get().apply(kind.other()),
                    "fixtures must differ in " + patched);
            for (V values : List.of(kind.other(), kind.nulls())) {
                V merged = Patch.of(values, patched.field()).applyTo(kind.current());
                assertTakes(kind, merged, values, List.of(patched));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void someFields_keepAbsentFieldsSetPresentOnesAndClearPresentNulls(Kind<V> kind) {
        List<Field<V>> even = IntStream.range(0, kind.fields().size()).filter(i -> i % 2 == 0)
                .mapToObj(kind.fields()::get).toList();
        Patch<V> patch = Patch.of(kind.nulls(), even.stream().map(Field::field).toList());
        assertTakes(kind, patch.applyTo(kind.current()), kind.nulls(), even);
        Patch<V> fromOther = Patch.of(kind.other(), even.stream().map(Field::field).toList());
        assertTakes(kind, fromOther.applyTo(kind.current()), kind.other(), even);
    }

    /** Asserts {@code merged} has {@code values}' value in {@code present}, else current's, and current's key and version. */
    private static <V extends Versioned<V>> void assertTakes(Kind<V> kind, V merged, V values, List<Field<V>> present) {
        V current = kind.current();
        assertAll(Stream.concat(
                Stream.of(() -> assertEquals(current.version(), merged.version(), "version"),
                        () -> assertEquals(kind.map().keyOf(current), kind.map().keyOf(merged), "key")),
                kind.fields().stream().map(each -> () -> assertEquals(
                        each.get().apply(present.contains(each) ? values : current), each.get().apply(merged),
                        each + " after patching " + present))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void allFields_takeEveryValueButKeepTheVersion(Kind<V> kind) {
        Patch<V> patch = Patch.of(kind.other(), kind.enumConstants());
        assertEquals(kind.other().withVersion(kind.current().version()), patch.applyTo(kind.current()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void emptyPatch_returnsAnEqualValue(Kind<V> kind) {
        Patch<V> patch = Patch.of(kind.other(), List.of());
        assertTrue(patch.isEmpty());
        assertEquals(kind.current(), patch.applyTo(kind.current()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void anotherKey_isRejectedNamingBothKeys(Kind<V> kind) {
        Patch<V> patch = Patch.of(kind.otherKey(), kind.enumConstants().get(0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> patch.applyTo(kind.current()));
        assertTrue(e.getMessage().contains(kind.map().keyOf(kind.current()).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(kind.map().keyOf(kind.otherKey()).toString()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <V extends Versioned<V>> void fromMask_rebuildsAnEqualPatch(Kind<V> kind) {
        Patch<V> patch = Patch.of(kind.other(), kind.enumConstants().get(kind.enumConstants().size() - 1));
        Patch<V> read = Patch.fromMask(kind.other(), patch.fieldMask());
        assertEquals(patch, read);
        assertEquals(patch.hashCode(), read.hashCode());
    }

    @Test
    void memberUpdate_clearsTheNickAndReplacesTheRoles() {
        Member current = Fixtures.member(3);
        Member values = new Member(GUILD_ID, USER_ID, null, "ignored", null, Snowflakes.of(99), null, null, true,
                true, true, 0, null, 0);
        Member merged = Patch.of(values, MemberField.NICK, MemberField.ROLES).applyTo(current);
        assertEquals(new Member(GUILD_ID, USER_ID, null, "avatar1", "banner1", Snowflakes.of(99), T1, T2, false,
                false, false, 0, T3, 3), merged);
    }

    @Test
    void messageEdit_setsContentAndEditTime_andANullEditTimeClearsIt() {
        Message current = Fixtures.message(3);
        Instant edited = Instant.parse("2024-05-05T05:05:05Z");
        Message values = new Message(Fixtures.MESSAGE_ID, Fixtures.CHANNEL_ID, null, 0, "edited", T3, edited, 0, 0,
                false, false, false, null, null, null, null, null, null, null, null, 0);
        Message merged = Patch.of(values, MessageField.CONTENT, MessageField.EDITED_TIMESTAMP).applyTo(current);
        assertEquals("edited", merged.content());
        assertEquals(edited, merged.editedTimestamp());
        assertEquals(current.timestamp(), merged.timestamp());
        assertEquals(current.reactions(), merged.reactions());
        assertEquals(GUILD_ID, merged.guildId());

        Message cleared = Patch.of(Fixtures.messageNulls(), MessageField.EDITED_TIMESTAMP).applyTo(merged);
        assertNull(cleared.editedTimestamp());
        assertEquals("edited", cleared.content());
    }

    @Test
    void memberKeyMismatch_namesBothMembers() {
        Member values = new Member(1, 3, "x", null, null, null, null, null, false, false, false, 0, null, 0);
        Member current = new Member(1, 2, "y", null, null, null, null, null, false, false, false, 0, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Patch.of(values, MemberField.NICK).applyTo(current));
        assertEquals("Cannot apply a patch of members entry MemberKey[guildId=1, userId=3] to entry "
                + "MemberKey[guildId=1, userId=2]", e.getMessage());
    }

    @Test
    void fieldMask_hasOneBitPerOrdinal() {
        Patch<Member> patch = Patch.of(Fixtures.member(1), EnumSet.of(MemberField.NICK, MemberField.ROLES));
        assertEquals(0b1001, patch.fieldMask());
        assertTrue(patch.has(MemberField.ROLES));
        assertFalse(patch.has(MemberField.AVATAR));
        assertFalse(patch.isEmpty());
        assertEquals(Patch.of(Fixtures.member(1), MemberField.ROLES, MemberField.NICK), patch);
        assertNotEquals(Patch.of(Fixtures.member(1), MemberField.ROLES), patch);
        assertNotEquals(Patch.of(Fixtures.member(2), MemberField.ROLES, MemberField.NICK), patch);
    }

    @Test
    void fromMask_rejectsFieldsTheEntityDoesNotHave() {
        Presence presence = Fixtures.presence(1);
        assertEquals(0b111, Patch.fromMask(presence, 0b111).fieldMask());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Patch.fromMask(presence, 0b1000));
        assertTrue(e.getMessage().contains("presences"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Patch.fromMask(presence, -1));
    }

    @Test
    void unavailableGuilds_haveNoUpdatableFields() {
        assertThrows(IllegalArgumentException.class, () -> Patch.of(Fixtures.unavailableGuild(1), List.of()));
    }

    @Test
    void toString_namesTheFieldsInEnumOrder() {
        Patch<Member> patch = Patch.of(Fixtures.member(1), MemberField.ROLES, MemberField.NICK);
        assertTrue(patch.toString().startsWith("Patch[NICK, ROLES] of Member[guildId=1, userId=10"), patch::toString);
        assertEquals("Patch[] of " + Fixtures.user(1), Patch.of(Fixtures.user(1)).toString());
    }
}
