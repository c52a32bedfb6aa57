package dev.parley.media.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an S3 event notification as S3 puts it in an SQS message body:
 * {@code {"Records":[{"eventName":"ObjectCreated:Post","s3":{"object":{"key":...}}}]}}. Keys come
 * URL-encoded as in a form ({@code +} is a space). The {@code s3:TestEvent} S3 sends when the
 * notification is configured has no records and yields nothing.
 */
final class S3Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Notifications() {
    }

    /** The decoded keys of the body's object-created records; a body that is not JSON throws. */
    static List<String> createdKeys(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the message is not an S3 event notification", e);
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String key = record.path("s3").path("object").path("key").asText("");
            if (record.path("eventName").asText("").startsWith("ObjectCreated") && !key.isEmpty()) {
                keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
            }
        }
        return keys;
    }
}
