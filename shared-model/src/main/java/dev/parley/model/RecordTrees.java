package dev.parley.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protocol records to and from JSON trees by their record components, without Jackson's bean
 * introspection, which cost a cold start about 150 ms of CPU (deserializers for the request,
 * serializers for the reply) that the floor never pays. It handles only what the v1 records
 * hold (strings, boxed and primitive integers and booleans, lists, string-keyed maps, nested
 * records) and only well-typed input: anything else answers {@code null}, and the codec then asks
 * Jackson, so every refusal, coercion rule and message stays Jackson's. {@code RecordTreesTest}
 * holds the output to Jackson's for every v1 record.
 *
 * <p>Server-side only: record reflection is absent on Android, the Java SDK's API floor.
 */
@IgnoreJRERequirement
final class RecordTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object UNHANDLED = new Object();

    private RecordTrees() {
    }

    /** The record's fields as Jackson writes them (nulls left out, component order), or null to ask Jackson. */
    static ObjectNode write(Object value) {
        if (value == null || !value.getClass().isRecord()) {
            return null;
        }
        JsonNode tree = node(value);
        return tree instanceof ObjectNode object ? object : null;
    }

    /** The record read from well-typed fields, or null when any field needs Jackson's rules. */
    static <T> T read(ObjectNode body, Class<T> type) {
        if (!type.isRecord()) {
            return null;
        }
        Object value = record(body, type);
        return value == UNHANDLED ? null : type.cast(value);
    }

    /** The value's node; null (ask Jackson) for a null inside a list or map and for any type the records do not hold. */
    private static JsonNode node(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number.longValue());
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number.intValue());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                JsonNode item = node(element);
                if (item == null) {
                    return null;
                }
                array.add(item);
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return null;
                }
                JsonNode item = node(entry.getValue());
                if (item == null) {
                    return null;
                }
                object.set(key, item);
            }
            return object;
        }
        if (value.getClass().isRecord()) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object field;
                try {
                    field = component.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    return null; // a record this package cannot call, which Jackson may still reach
                }
                if (field != null) {
                    JsonNode item = node(field);
                    if (item == null) {
                        return null;
                    }
                    object.set(component.getName(), item);
                }
            }
            return object;
        }
        return null;
    }

    private static Object record(JsonNode node, Class<?> type) {
        if (!(node instanceof ObjectNode object)) {
            return UNHANDLED;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(object.get(components[i].getName()), components[i].getGenericType());
            if (args[i] == UNHANDLED || (args[i] == null && types[i].isPrimitive())) {
                return UNHANDLED;
            }
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            // A compact constructor's refusal is worded by Jackson's path.
            return UNHANDLED;
        }
    }

    private static Object value(JsonNode node, Type type) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type == String.class) {
            return node.isTextual() ? node.textValue() : UNHANDLED;
        }
        if (type == Long.class || type == long.class) {
            return node.isInt() || node.isLong() ? (Object) node.longValue() : UNHANDLED;
        }
        if (type == Integer.class || type == int.class) {
            return node.isInt() ? (Object) node.intValue() : UNHANDLED;
        }
        if (type == Boolean.class || type == boolean.class) {
            return node.isBoolean() ? (Object) node.booleanValue() : UNHANDLED;
        }
        if (type instanceof Class<?> plain) {
            return plain.isRecord() ? record(node, plain) : UNHANDLED;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            if (!node.isArray()) {
                return UNHANDLED;
            }
            Type elementType = generic.getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                Object item = value(element, elementType);
                if (item == null || item == UNHANDLED) {
                    return UNHANDLED;
                }
                list.add(item);
            }
            return list;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class
                && generic.getActualTypeArguments()[0] == String.class) {
            if (!node.isObject()) {
                return UNHANDLED;
            }
            Type valueType = generic.getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Object item = value(entry.getValue(), valueType);
                if (item == null || item == UNHANDLED) {
                    return UNHANDLED;
                }
                map.put(entry.getKey(), item);
            }
            return map;
        }
        return UNHANDLED;
    }
}
