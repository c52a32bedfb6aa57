package dev.parley.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SyncRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec's record trees are Jackson's, for every v1 record, and ill-typed input goes to Jackson. */
class RecordTreesTest {
    private final ObjectMapper jackson = ProtocolCodec.instance().mapper();

    @Test
    void every_v1_record_writes_and_reads_as_jackson_does_with_every_field_set_and_with_the_optional_ones_absent()
            throws Exception {
        List<Class<?>> records = v1Records();
        assertThat(records).hasSizeGreaterThan(50);
        for (Class<?> type : records) {
            for (boolean full : new boolean[] {true, false}) {
                Object value = instance(type, full, 0);
                ObjectNode ours = RecordTrees.write(value);
                JsonNode theirs = jackson.valueToTree(value);

                assertThat(ours).as("%s written (all fields: %s)", type.getSimpleName(), full).isEqualTo(theirs);
                assertThat(jackson.writeValueAsString(ours)).isEqualTo(jackson.writeValueAsString(value));
                assertThat(ProtocolCodec.instance().encodedBytes(value)).isEqualTo(jackson.writeValueAsBytes(value).length);
                assertThat(RecordTrees.read(ours, type)).as("%s read back", type.getSimpleName())
                        .isEqualTo(jackson.treeToValue(theirs, type)).isEqualTo(value);
            }
        }
    }

    @Test
    void a_field_jackson_would_coerce_or_refuse_is_left_to_jackson() throws Exception {
        for (String fields : List.of(
                "{\"text\":42}", "{\"text\":true}", "{\"text\":{}}", "{\"replyToSeq\":1.5}", "{\"replyToSeq\":\"3\"}",
                "{\"replyToSeq\":99999999999999999999}", "{\"media\":\"m\"}", "{\"media\":[null]}", "{\"media\":[1]}",
                "{\"envelopes\":[{\"deviceNum\":12345678901}]}", "{\"envelopes\":[1]}", "{\"partial\":\"true\"}")) {
            assertThat(RecordTrees.read((ObjectNode) jackson.readTree(fields), SendMessageRequest.class)).as(fields).isNull();
        }
        assertThat(RecordTrees.read((ObjectNode) jackson.readTree("{\"cursors\":{\"d_1\":2.5}}"), SyncRequest.class)).isNull();
        assertThat(RecordTrees.read((ObjectNode) jackson.readTree("{\"cursors\":{\"d_1\":null}}"), SyncRequest.class)).isNull();
        assertThat(RecordTrees.read((ObjectNode) jackson.readTree("{\"cursors\":[]}"), SyncRequest.class)).isNull();
    }

    @Test
    void a_null_inside_a_list_or_map_is_written_by_jackson() {
        List<String> withNull = new ArrayList<>(List.of("u1"));
        withNull.add(null);
        Map<String, Long> cursors = new LinkedHashMap<>();
        cursors.put("d_1", null);

        assertThat(RecordTrees.write(new SendMessageReply("d_1", 1, 2, withNull))).isNull();
        assertThat(RecordTrees.write(new SyncRequest(cursors, null, null))).isNull();
        assertThat(ProtocolCodec.instance().reply("r", new SendMessageReply("d_1", 1, 2, withNull)).payload())
                .isEqualTo(jackson.valueToTree(new SendMessageReply("d_1", 1, 2, withNull)));
    }

    @Test
    void unknown_fields_are_ignored_and_nulls_read_as_absent() throws Exception {
        ObjectNode body = (ObjectNode) jackson.readTree("""
                {"action":"sendMessage","requestId":"r","conversationId":"d_1","text":null,"unknown":[1,{"a":2}],"media":["m1"]}""");

        assertThat(RecordTrees.read(body, SendMessageRequest.class))
                .isEqualTo(jackson.treeToValue(body, SendMessageRequest.class))
                .isEqualTo(new SendMessageRequest("d_1", null, null, null, null, null, List.of("m1")));
    }

    private static List<Class<?>> v1Records() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
        Path dir = Path.of(SendMessageRequest.class.getResource("SendMessageRequest.class").toURI()).getParent();
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName("dev.parley.model.v1." + name.substring(0, name.length() - 6));
                    if (type.isRecord()) {
                        records.add(type);
                    }
                }
            }
        }
        return records;
    }

    /** A record with every component set (two list elements, one map entry), or with only the primitives set. */
    private static Object instance(Class<?> type, boolean full, int depth) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = full || types[i].isPrimitive() ? value(components[i].getGenericType(), full, depth, i) : null;
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    private static Object value(Type type, boolean full, int depth, int salt) throws ReflectiveOperationException {
        if (type == String.class) {
            return "s" + salt;
        }
        if (type == Long.class || type == long.class) {
            return 1_700_000_000_000L + salt;
        }
        if (type == Integer.class || type == int.class) {
            return 7 + salt;
        }
        if (type == Boolean.class || type == boolean.class) {
            return salt % 2 == 0;
        }
        if (type instanceof Class<?> plain && plain.isRecord()) {
            return instance(plain, full, depth + 1);
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            Type element = generic.getActualTypeArguments()[0];
            return List.of(value(element, full, depth + 1, salt), value(element, full, depth + 1, salt + 1));
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k" + salt, value(generic.getActualTypeArguments()[1], full, depth + 1, salt));
            return map;
        }
        throw new AssertionError("a v1 record holds a type RecordTrees does not handle, so Jackson binds it: " + type);
    }
}
