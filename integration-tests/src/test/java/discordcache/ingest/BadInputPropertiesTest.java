package discordcache.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.node.CacheNode;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import discordcache.wire.onnode.GuildIndex;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static discordcache.ingest.GatewayJson.channel;
import static discordcache.ingest.GatewayJson.guildCreate;
import static discordcache.ingest.GatewayJson.member;
import static discordcache.ingest.GatewayJson.presence;
import static discordcache.ingest.GatewayJson.role;
import static discordcache.ingest.GatewayJson.thread;
import static discordcache.ingest.GatewayJson.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input, generated: valid payloads of many events, cut short, with a field removed, with a value of the wrong
 * type or an impossible one, or with garbage inserted. Whatever comes in, the ingester either applies it, ignores
 * it, or refuses it with an {@link IngestException}; no other exception escapes, and a refused payload leaves
 * every map of the cluster exactly as it was.
 */
class BadInputPropertiesTest {
    private static final long GUILD = 71_000_000_000_000_001L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.textNode("x"),
            JsonNodeFactory.instance.numberNode(12345), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.textNode("99999999999999999999999"),
            JsonNodeFactory.instance.textNode("not-a-date"), JsonNodeFactory.instance.textNode(""));

    private static Path dataDirectory;
    private static CacheNode node;
    private static DiscordCache cache;
    private static GatewayIngester ingester;

    @BeforeContainer
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("ingest-fuzz");
        node = CacheNode.start(new TestNodes(TestPostgres.get().createDatabase()).settings(dataDirectory));
        cache = DiscordCache.connect(TestClients.config(node));
        ingester = GatewayIngester.create(cache);
        for (String payload : payloads()) {
            ingester.ingest(payload, 0, 1);
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        cache.close();
        node.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 250)
    void badPayloadsAreRefusedWithATypedErrorAndChangeNothing(@ForAll("validPayloads") String payload,
                                                             @ForAll @IntRange(min = 0, max = 4) int mutation,
                                                             @ForAll long seed) {
        String mutated = mutate(payload, mutation, new Random(seed));
        Map<String, Map<Object, Object>> before = snapshot();
        String outcome;
        try {
            outcome = ingester.ingest(mutated, 0, 1).ignored() ? "ignored" : "applied";
        } catch (IngestException refused) {
            assertEquals(before, snapshot(), "a refused payload changed the cache: " + refused.getMessage());
            outcome = "refused";
        }
        Statistics.collect(outcome);
        // The mutations must mostly break payloads, or the property proves little.
        Statistics.coverage(coverage -> coverage.check("refused").percentage(share -> share >= 40));
    }

    @Provide
    Arbitrary<String> validPayloads() {
        return Arbitraries.of(payloads());
    }

    /** Valid payloads of the events with the most varied shapes; no sequence numbers, so sessions stay still. */
    static List<String> payloads() {
        String g = "\"" + GUILD + "\"";
        return List.of(
                envelope("GUILD_CREATE", guildCreate(GUILD, "fuzz", 3, false,
                        List.of(member(10, "ten", 5), member(11, "eleven")),
                        List.of(channel(100, "general", 0), channel(101, "random", 1)),
                        List.of(thread(200, 100, "thread")), List.of(presence(10, "online")))),
                envelope("GUILD_MEMBER_UPDATE", "{\"guild_id\":" + g + ",\"user\":" + user(10, "ten") + ",\"nick\":"
                        + "\"n\",\"roles\":[\"5\"],\"joined_at\":\"2024-01-02T03:04:05+00:00\"}"),
                envelope("MESSAGE_CREATE", "{\"id\":\"300\",\"channel_id\":\"100\",\"guild_id\":" + g
                        + ",\"author\":" + user(10, "ten") + ",\"member\":{\"roles\":[],\"joined_at\":"
                        + "\"2024-01-02T03:04:05+00:00\",\"deaf\":false,\"mute\":false},\"content\":\"hi\","
                        + "\"timestamp\":\"2024-05-06T07:08:09+00:00\",\"edited_timestamp\":null,\"tts\":false,"
                        + "\"mention_everyone\":false,\"mentions\":[" + user(11, "eleven") + "],\"mention_roles\":"
                        + "[],\"attachments\":[{\"id\":\"1\",\"filename\":\"a.png\",\"size\":3}],\"embeds\":[],"
                        + "\"reactions\":[{\"count\":2,\"me\":false,\"emoji\":{\"id\":null,\"name\":\"x\"}}],"
                        + "\"pinned\":false,\"type\":0,\"message_reference\":{\"message_id\":\"299\"}}"),
                envelope("MESSAGE_UPDATE", "{\"id\":\"300\",\"channel_id\":\"100\",\"guild_id\":" + g
                        + ",\"embeds\":[{\"title\":\"t\"}],\"edited_timestamp\":\"2024-05-06T07:09:09+00:00\"}"),
                envelope("MESSAGE_REACTION_ADD", "{\"user_id\":\"11\",\"channel_id\":\"100\",\"message_id\":\"300\","
                        + "\"guild_id\":" + g + ",\"emoji\":{\"id\":\"77\",\"name\":\"blob\"},\"burst\":false}"),
                envelope("PRESENCE_UPDATE", "{\"user\":{\"id\":\"11\",\"username\":\"eleven\"},\"guild_id\":" + g
                        + ",\"status\":\"dnd\",\"activities\":[{\"name\":\"x\",\"type\":0}],\"client_status\":"
                        + "{\"mobile\":\"dnd\"}}"),
                envelope("CHANNEL_UPDATE", "{\"id\":\"101\",\"guild_id\":" + g + ",\"type\":0,\"name\":\"r\","
                        + "\"position\":2,\"permission_overwrites\":[{\"id\":\"5\",\"type\":0,\"allow\":\"1024\","
                        + "\"deny\":\"0\"}]}"),
                envelope("THREAD_LIST_SYNC", "{\"guild_id\":" + g + ",\"channel_ids\":[\"100\"],\"threads\":["
                        + thread(201, 100, "synced") + "],\"members\":[]}"),
                envelope("GUILD_ROLE_CREATE", "{\"guild_id\":" + g + ",\"role\":" + role(5, "mod", 1) + "}"),
                envelope("GUILD_EMOJIS_UPDATE", "{\"guild_id\":" + g + ",\"emojis\":[{\"id\":\"77\",\"name\":"
                        + "\"blob\",\"roles\":[],\"require_colons\":true,\"animated\":false}]}"),
                envelope("INTERACTION_CREATE", "{\"id\":\"1\",\"type\":2,\"guild_id\":" + g + ",\"member\":{\"user\":"
                        + user(12, "twelve") + ",\"roles\":[],\"joined_at\":\"2024-01-02T03:04:05+00:00\"},"
                        + "\"data\":{\"resolved\":{\"users\":{\"13\":" + user(13, "thirteen") + "}}}}"),
                envelope("THREAD_MEMBERS_UPDATE", "{\"id\":\"200\",\"guild_id\":" + g + ",\"member_count\":4}"),
                envelope("GUILD_MEMBERS_CHUNK", "{\"guild_id\":" + g + ",\"members\":[" + member(14, "fourteen")
                        + "," + member(14, "fourteen") + "],\"chunk_index\":0,\"chunk_count\":1}"),
                envelope("TYPING_START", "{\"channel_id\":\"100\",\"user_id\":\"10\",\"timestamp\":1}"));
    }

    private static String envelope(String event, String data) {
        return "{\"op\":0,\"t\":\"" + event + "\",\"d\":" + data + "}";
    }

    static String mutate(String payload, int mutation, Random random) {
        return switch (mutation) {
            case 0 -> payload.substring(0, random.nextInt(payload.length()));
            case 1 -> mutateTree(payload, random, true);
            case 2 -> mutateTree(payload, random, false);
            case 3 -> {
                int at = random.nextInt(payload.length() + 1);
                String garbage = List.of("{", "}", "]", ",", "\"", ":", "\u0000", "\\", "nul", "1e999")
                        .get(random.nextInt(10));
                yield payload.substring(0, at) + garbage + payload.substring(at);
            }
            default -> payload + payload.substring(0, random.nextInt(payload.length()));
        };
    }

    /** Removes a random field, or replaces a random value with an odd one, anywhere in the payload. */
    private static String mutateTree(String payload, Random random, boolean remove) {
        try {
            JsonNode root = JSON.readTree(payload);
            List<ContainerNode<?>> parents = new ArrayList<>();
            collect(root, parents);
            ContainerNode<?> parent = parents.get(random.nextInt(parents.size()));
            if (parent.size() == 0) {
                return payload;
            }
            if (parent instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                if (remove) {
                    object.remove(name);
                } else {
                    object.set(name, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                }
            } else {
                ArrayNode array = (ArrayNode) parent;
                int index = random.nextInt(array.size());
                if (remove) {
                    array.remove(index);
                } else {
                    array.set(index, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                }
            }
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("the base payloads are valid JSON", e);
        }
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static Map<String, Map<Object, Object>> snapshot() {
        Map<String, Map<Object, Object>> maps = new HashMap<>();
        List<String> names = new ArrayList<>(CacheMap.all().stream().map(CacheMap::name).toList());
        names.add(GuildIndex.MAP_NAME);
        for (String name : names) {
            maps.put(name, new HashMap<>(cache.admin().hazelcast().getMap(name)));
        }
        return maps;
    }
}
