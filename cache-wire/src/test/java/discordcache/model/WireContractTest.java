package discordcache.model;

import com.hazelcast.config.CompactSerializationConfigAccessor;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.util.TriTuple;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import discordcache.wire.CacheSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the wire contract: every Compact type name the nodes and clients register, the class behind it, and for every
 * entity and key (and the values nested in them) the name, kind and order of each field written. Clients in other
 * languages and nodes of another version read these; a renamed type or field would make them fail at run time.
 *
 * <p>The expected contract is {@code wire-contract.txt} in the test resources. When a change of the contract is
 * intended (a new type, a new field), review {@code target/wire-contract.actual.txt}, which a failing run writes, and
 * copy it over.
 */
class WireContractTest {
    private static final List<Object> SAMPLES = List.of(Fixtures.user(1), Fixtures.guild(1), Fixtures.member(1),
            Fixtures.channel(1), Fixtures.thread(1), Fixtures.message(1), Fixtures.presence(1),
            Fixtures.unavailableGuild(1), new MemberKey(1, 2), new PresenceKey(1, 2), new MessageKey(3, 4),
            new ShardSession(0, 1, "session", "wss://resume", 5, 6, 1));

    @Test
    void registeredTypesAndEntityFields_matchThePinnedContract() throws IOException {
        SerializationConfig config = CacheSerialization.register(new SerializationConfig());
        Map<Class, TriTuple<Class, String, CompactSerializer>> registrations = new HashMap<>();
        Map<String, String> contract = new TreeMap<>();
        for (TriTuple<Class, String, CompactSerializer> registration : CompactSerializationConfigAccessor
                .getRegistrations(config.getCompactSerializationConfig()).values()) {
            registrations.put(registration.element1, registration);
            contract.put(registration.element2, registration.element2 + " = " + registration.element1.getName());
        }
        for (Object sample : SAMPLES) {
            describeFields(sample, registrations, contract);
        }
        String actual = String.join("\n", contract.values()) + "\n";
        String expected = expected();
        if (!actual.equals(expected)) {
            Files.writeString(Path.of("target", "wire-contract.actual.txt"), actual);
        }
        assertEquals(expected, actual, "the wire contract changed; see this test's Javadoc");
    }

    /** Runs the value's serializer against a writer that notes each field, and does the same for nested values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void describeFields(Object value, Map<Class, TriTuple<Class, String, CompactSerializer>> registrations,
                                       Map<String, String> contract) {
        TriTuple<Class, String, CompactSerializer> registration = registrations.get(value.getClass());
        assertNotNull(registration, "no serializer for " + value.getClass());
        List<String> fields = new ArrayList<>();
        List<Object> nested = new ArrayList<>();
        CompactWriter recorder = (CompactWriter) Proxy.newProxyInstance(CompactWriter.class.getClassLoader(),
                new Class<?>[] {CompactWriter.class}, (proxy, method, args) -> {
                    String kind = method.getName().substring("write".length());
                    fields.add(args[0] + " " + kind);
                    if (kind.equals("Compact") && args[1] != null) {
                        nested.add(args[1]);
                    } else if (kind.equals("ArrayOfCompact") && args[1] != null) {
                        nested.addAll(List.of((Object[]) args[1]));
                    }
                    return null;
                });
        registration.element3.write(recorder, value);
        contract.put(registration.element2, registration.element2 + " = " + value.getClass().getName() + ":\n    "
                + String.join("\n    ", fields));
        nested.stream().filter(Objects::nonNull).forEach(child -> describeFields(child, registrations, contract));
    }

    private static String expected() throws IOException {
        try (InputStream in = WireContractTest.class.getResourceAsStream("/wire-contract.txt")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
