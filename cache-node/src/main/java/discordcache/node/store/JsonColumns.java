package discordcache.node.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import discordcache.model.ClientStatus;
import discordcache.model.Emoji;
import discordcache.model.PermissionOverwrite;
import discordcache.model.Reaction;
import discordcache.model.Role;
import discordcache.model.Snowflakes;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The jsonb columns that hold typed nested structures, written and read field by field. Field names follow
 * Discord's own JSON, so the stored documents read like the payloads they came from.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    static String roles(List<Role> roles) {
        return array(roles, (node, role) -> node.put("id", role.id()).put("name", role.name())
                .put("color", role.color()).put("hoist", role.hoist()).put("icon", role.icon())
                .put("unicode_emoji", role.unicodeEmoji()).put("position", role.position())
                .put("permissions", role.permissions()).put("managed", role.managed())
                .put("mentionable", role.mentionable()).put("flags", role.flags()));
    }

    static List<Role> roles(String json) {
        return list(json, node -> new Role(node.get("id").asLong(), node.get("name").asText(),
                node.get("color").asInt(), node.get("hoist").asBoolean(), text(node, "icon"),
                text(node, "unicode_emoji"), node.get("position").asInt(), node.get("permissions").asLong(),
                node.get("managed").asBoolean(), node.get("mentionable").asBoolean(), node.get("flags").asInt()));
    }

    static String emojis(List<Emoji> emojis) {
        return array(emojis, (node, emoji) -> {
            node.put("id", emoji.id()).put("name", emoji.name());
            ArrayNode roles = node.putArray("roles");
            emoji.roles().stream().forEach(roles::add);
            node.put("require_colons", emoji.requireColons()).put("managed", emoji.managed())
                    .put("animated", emoji.animated()).put("available", emoji.available());
        });
    }

    static List<Emoji> emojis(String json) {
        return list(json, node -> new Emoji(node.get("id").asLong(), text(node, "name"),
                Snowflakes.of(longs(node.get("roles"))), node.get("require_colons").asBoolean(),
                node.get("managed").asBoolean(), node.get("animated").asBoolean(), node.get("available").asBoolean()));
    }

    static String overwrites(List<PermissionOverwrite> overwrites) {
        return array(overwrites, (node, overwrite) -> node.put("id", overwrite.id()).put("type", overwrite.type())
                .put("allow", overwrite.allow()).put("deny", overwrite.deny()));
    }

    static List<PermissionOverwrite> overwrites(String json) {
        return list(json, node -> new PermissionOverwrite(node.get("id").asLong(), node.get("type").asInt(),
                node.get("allow").asLong(), node.get("deny").asLong()));
    }

    static String reactions(List<Reaction> reactions) {
        return array(reactions, (node, reaction) -> {
            node.putObject("emoji").put("id", reaction.emojiId()).put("name", reaction.emojiName())
                    .put("animated", reaction.animated());
            node.put("count", reaction.count()).put("burst_count", reaction.burstCount()).put("me", reaction.me())
                    .put("me_burst", reaction.meBurst());
        });
    }

    static List<Reaction> reactions(String json) {
        return list(json, node -> {
            JsonNode emoji = node.get("emoji");
            return new Reaction(emoji.get("id").isNull() ? null : emoji.get("id").asLong(), text(emoji, "name"),
                    emoji.get("animated").asBoolean(), node.get("count").asInt(), node.get("burst_count").asInt(),
                    node.get("me").asBoolean(), node.get("me_burst").asBoolean());
        });
    }

    static String clientStatus(ClientStatus status) {
        ObjectNode node = MAPPER.createObjectNode();
        putIfPresent(node, "desktop", status.desktop());
        putIfPresent(node, "mobile", status.mobile());
        putIfPresent(node, "web", status.web());
        return node.toString();
    }

    static ClientStatus clientStatus(String json) {
        JsonNode node = parse(json);
        return new ClientStatus(text(node, "desktop"), text(node, "mobile"), text(node, "web"));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static <T> String array(List<T> items, BiConsumer<ObjectNode, T> writer) {
        ArrayNode array = MAPPER.createArrayNode();
        items.forEach(item -> writer.accept(array.addObject(), item));
        return array.toString();
    }

    private static <T> List<T> list(String json, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        parse(json).forEach(node -> items.add(reader.apply(node)));
        return items;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("PostgreSQL returned a jsonb value that does not parse", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array == null ? 0 : array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
