package dev.parley.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The strings a request may carry, in any field and any field name: valid Unicode (JSON's
 * {@code \\ud800} escape can name half of a surrogate pair, which no UTF-8 store or frame can hold)
 * without control characters other than tab, line feed and carriage return (an escaped
 * {@code \\u0000} is valid JSON, but nothing a person wrote, and poison for logs and terminals).
 */
final class WireStrings {
    private WireStrings() {
    }

    /** Why the first refused string of the tree is refused, naming its field; null when all are fine. */
    static String firstRefused(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("(frame)", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> entry = pending.pop();
            String path = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isTextual()) {
                String refusal = refusal(node.textValue());
                if (refusal != null) {
                    return "Field \"" + path + "\" " + refusal;
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String refusal = refusal(field.getKey());
                    if (refusal != null) {
                        return "A field name in \"" + path + "\" " + refusal;
                    }
                    pending.push(Map.entry(path.equals("(frame)") ? field.getKey() : path + "." + field.getKey(), field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            }
        }
        return null;
    }

    /** Why this string is refused (a sentence's end, starting with a verb), or null when it is fine. */
    static String refusal(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode: it has a lone surrogate (\\u" + hex(c) + ").";
            }
            if (Character.isLowSurrogate(c)) {
                return "is not valid Unicode: it has a lone surrogate (\\u" + hex(c) + ").";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return "has control character \\u" + hex(c) + "; only tab, line feed and carriage return are allowed.";
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04x", (int) c);
    }
}
