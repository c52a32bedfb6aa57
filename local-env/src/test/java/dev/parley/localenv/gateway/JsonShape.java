package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compares an event with an AWS-shaped fixture: the same keys at every level (nothing missing, nothing
 * extra) and the same values, except that placeholders stand for volatile values whose format is checked:
 * {@code <id>} (16-character API Gateway id), {@code <epochMillis>}, {@code <requestTime>},
 * {@code <traceId>}, {@code <host>}, {@code <port>}, {@code <ip>}, {@code <websocketKey>},
 * {@code <userAgent>} and {@code <any>}.
 */
final class JsonShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Predicate<JsonNode>> PLACEHOLDERS = Map.of(
            "<id>", text("[A-Za-z0-9_-]{15}="),
            "<epochMillis>", node -> node.isNumber() && Math.abs(System.currentTimeMillis() - node.asLong()) < 600_000,
            "<requestTime>", text("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"),
            "<traceId>", text("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"),
            "<host>", text("localhost:\\d+"),
            "<port>", text("\\d+"),
            "<ip>", text("[0-9a-fA-F.:]+"),
            "<websocketKey>", text("[A-Za-z0-9+/]{22}=="),
            "<userAgent>", text(".+"),
            "<any>", node -> !node.isNull() && !node.isMissingNode());

    private JsonShape() {
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = JsonShape.class.getResourceAsStream("/gateway/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        }
    }

    /** Fails with the path of the first difference. */
    static void assertMatches(JsonNode expected, JsonNode actual) {
        compare(expected, actual, "$");
    }

    private static void compare(JsonNode expected, JsonNode actual, String path) {
        if (expected.isTextual() && PLACEHOLDERS.containsKey(expected.asText())) {
            if (!PLACEHOLDERS.get(expected.asText()).test(actual)) {
                throw new AssertionError(path + ": " + actual + " is not a " + expected.asText());
            }
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                throw new AssertionError(path + ": expected an object, got " + actual);
            }
            TreeSet<String> expectedKeys = names(expected);
            TreeSet<String> actualKeys = names(actual);
            if (!expectedKeys.equals(actualKeys)) {
                throw new AssertionError(path + ": keys differ; expected " + expectedKeys + ", got " + actualKeys);
            }
            expectedKeys.forEach(key -> compare(expected.get(key), actual.get(key), path + "." + key));
            return;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                throw new AssertionError(path + ": expected " + expected + ", got " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (!expected.equals(actual)) {
            throw new AssertionError(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    private static Predicate<JsonNode> text(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return node -> node.isTextual() && pattern.matcher(node.asText()).matches();
    }
}
