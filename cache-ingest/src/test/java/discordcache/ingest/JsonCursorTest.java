package discordcache.ingest;

import discordcache.model.Channel;
import discordcache.model.ChannelField;
import discordcache.model.PermissionOverwrite;
import discordcache.model.User;
import discordcache.model.UserField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming reader on its own: values, paths in errors, and the entities EntityJson builds from them. */
class JsonCursorTest {
    private static JsonCursor over(String json) {
        return JsonCursor.over(json, "TEST_EVENT", "d");
    }

    @Test
    void snowflakes_readFromStringsAndNumbers_andRefuseWhatIsNotOne() {
        assertArrayEquals(new long[] {1, 9_007_199_254_740_993L, 3},
                over("[\"1\", \"9007199254740993\", 3]").snowflakes());
        IngestException negative = assertThrows(IngestException.class, () -> over("[\"-5\"]").snowflakes());
        assertEquals(IngestException.Kind.BAD_VALUE, negative.kind());
        assertEquals("d[0]", negative.field());
        IngestException text = assertThrows(IngestException.class, () -> over("[\"abc\"]").snowflakes());
        assertEquals("not a snowflake: \"abc\"", text.reason());
        IngestException wrong = assertThrows(IngestException.class, () -> over("[true]").snowflakes());
        assertEquals(IngestException.Kind.WRONG_TYPE, wrong.kind());
    }

    @Test
    void nestedErrors_nameTheFullPath() {
        JsonCursor cursor = over("{\"members\":[{\"user\":{\"id\":\"1\"}},{\"user\":{\"id\":{}}}]}");
        IngestException error = assertThrows(IngestException.class, () -> cursor.object(name ->
                cursor.array(index -> cursor.object(member -> cursor.object(field -> cursor.snowflake())))));
        assertEquals("d.members[1].user.id", error.field());
        assertEquals(IngestException.Kind.WRONG_TYPE, error.kind());
    }

    @Test
    void nullArray_readsAsEmpty_andUnknownValuesAreSkippedWhole() {
        JsonCursor cursor = over("{\"a\":null,\"skip\":{\"deep\":[1,{\"x\":[2]}]},\"b\":\"kept\"}");
        List<String> read = new ArrayList<>();
        cursor.object(name -> {
            switch (name) {
                case "a" -> cursor.array(index -> read.add("element"));
                case "b" -> read.add(cursor.string());
                default -> cursor.skip();
            }
        });
        assertEquals(List.of("kept"), read);
    }

    @Test
    void cutShortPayload_isMalformed_withoutParserInternals() {
        IngestException error = assertThrows(IngestException.class, () -> {
            JsonCursor cursor = over("{\"id\":\"1\",\"name\":");
            cursor.object(name -> cursor.skip());
        });
        assertEquals(IngestException.Kind.MALFORMED_JSON, error.kind());
        assertFalse(error.getMessage().contains("[Source:"), error.getMessage());
        assertFalse(error.getMessage().contains("start marker"), error.getMessage());
        assertFalse(error.getMessage().contains("REDACTED"), error.getMessage());
    }

    @Test
    void trailingText_isRefused() {
        JsonCursor cursor = over("{} {}");
        cursor.object(name -> cursor.skip());
        assertEquals("more JSON after the end of the value",
                assertThrows(IngestException.class, cursor::expectEnd).reason());
    }

    @Test
    void user_recordsWhichFieldsWereSent() {
        Parsed<User> user = EntityJson.user(over("{\"id\":\"10\",\"username\":\"ann\",\"avatar\":null,\"x\":1}"));
        assertEquals(10, user.value().id());
        assertEquals("ann", user.value().username());
        assertTrue(user.has(UserField.USERNAME));
        assertTrue(user.has(UserField.AVATAR), "sent as null: cleared by a merge, not kept");
        assertFalse(user.has(UserField.GLOBAL_NAME), "not sent: kept by a merge");
        assertNull(user.value().avatar());
    }

    @Test
    void channel_readsApiV6OverwriteTypes_andRequiresAnId() {
        Parsed<Channel> channel = EntityJson.channel(over("{\"id\":\"20\",\"type\":0,\"name\":\"general\","
                + "\"permission_overwrites\":[{\"id\":\"1\",\"type\":\"role\",\"allow\":\"1024\",\"deny\":\"0\"}]}"));
        assertEquals("general", channel.value().name());
        assertTrue(channel.has(ChannelField.PERMISSION_OVERWRITES));
        assertFalse(channel.has(ChannelField.TOPIC));
        PermissionOverwrite overwrite = channel.value().permissionOverwrites().get(0);
        assertEquals(PermissionOverwrite.ROLE, overwrite.type());
        assertEquals(1024, overwrite.allow());
        IngestException missing = assertThrows(IngestException.class,
                () -> EntityJson.channel(over("{\"type\":0}")));
        assertEquals(IngestException.Kind.MISSING_FIELD, missing.kind());
        assertEquals("d.id", missing.field());
    }
}
