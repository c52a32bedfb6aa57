package dev.parley.functions.domain.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.parley.functions.domain.delivery.PushPlatform;

/**
 * Builds the platform payloads of one push.
 *
 * <p>APNs: an alert with the sender's name and the text when {@code preview} allows it (never for
 * an end-to-end encrypted conversation: the job carries no text then), else a generic alert;
 * {@code mutable-content: 1} so a notification service extension may decrypt or rewrite it;
 * {@code thread-id} = the conversation; {@code badge} = the user's unread total; the custom keys
 * {@code conversationId} and {@code seq}. APNs refuses payloads over 4096 bytes, so a long text is
 * cut, at a code point boundary, to what fits, ending with an ellipsis.
 *
 * <p>FCM v1: a data message (the app fetches and shows the message itself) with the conversation
 * id, seq and unread total as strings, high priority, and the conversation as collapse key.
 */
public final class PushPayloads {
    /** APNs' limit on a payload, in UTF-8 bytes. */
    public static final int MAX_APNS_BYTES = 4096;
    /** The alert's title when the push shows no preview. */
    public static final String GENERIC_TITLE = "New message";
    private static final String ELLIPSIS = "\u2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPayloads() {
    }

    /** The push of {@code job} to one device of a user with {@code unread} unread messages. */
    public static PushNotification of(PushJob job, PushPlatform platform, long unread, boolean preview) {
        String payload = platform.apple() ? apns(job, unread, preview) : fcm(job, unread);
        return new PushNotification(platform, payload, job.conversationId());
    }

    static String apns(PushJob job, long unread, boolean preview) {
        if (!preview || job.text() == null) {
            return json(apnsPayload(job, unread, Map.of("title", GENERIC_TITLE)));
        }
        String title = job.senderName() == null ? GENERIC_TITLE : job.senderName();
        String whole = json(apnsPayload(job, unread, alert(title, job.text())));
        if (bytes(whole) <= MAX_APNS_BYTES) {
            return whole;
        }
        return longestFitting(job, unread, title);
    }

    /** Binary search over the text's code points: the longest prefix (plus an ellipsis) whose payload fits. */
    private static String longestFitting(PushJob job, long unread, String title) {
        String text = job.text();
        int low = 0;
        int high = text.codePointCount(0, text.length());
        String best = null;
        while (low <= high) {
            int codePoints = (low + high) >>> 1;
            String cut = text.substring(0, text.offsetByCodePoints(0, codePoints)) + ELLIPSIS;
            String payload = json(apnsPayload(job, unread, alert(title, cut)));
            if (bytes(payload) <= MAX_APNS_BYTES) {
                best = payload;
                low = codePoints + 1;
            } else {
                high = codePoints - 1;
            }
        }
        return best != null ? best : json(apnsPayload(job, unread, Map.of("title", GENERIC_TITLE)));
    }

    private static Map<String, Object> alert(String title, String body) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("title", title);
        alert.put("body", body);
        return alert;
    }

    private static Map<String, Object> apnsPayload(PushJob job, long unread, Map<String, Object> alert) {
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("alert", alert);
        aps.put("badge", unread);
        aps.put("sound", "default");
        aps.put("mutable-content", 1);
        aps.put("thread-id", job.conversationId());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        payload.put("conversationId", job.conversationId());
        payload.put("seq", job.seq());
        return payload;
    }

    static String fcm(PushJob job, long unread) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", job.conversationId());
        data.put("seq", Long.toString(job.seq()));
        data.put("unread", Long.toString(unread));
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", "high");
        android.put("collapse_key", job.conversationId());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", data);
        message.put("android", android);
        return json(Map.of("fcmV1Message", Map.of("message", message)));
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }
}
