package dev.parley.functions.handler;

import dev.parley.model.v1.ClaimKeysRequest;
import dev.parley.model.v1.GetKeyCountsRequest;
import dev.parley.model.v1.GetKeyLogRequest;
import dev.parley.model.v1.PublishKeysRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.GetSettingsRequest;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.ListDevicesRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.ReadCountsRequest;
import dev.parley.model.v1.MuteConversationRequest;
import dev.parley.model.v1.PingRequest;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.RequestUploadRequest;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SignOutEverywhereRequest;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.TypingRequest;
import dev.parley.model.v1.UnregisterDeviceRequest;
import dev.parley.model.v1.UpdateSettingsRequest;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Frames a buggy or hostile client could send. Each starts as a valid skeleton of one action,
 * built from the fields of its request record, and is then mutated: fields of the wrong type,
 * hostile strings, deep nesting, long numbers, duplicate keys, unknown fields, malformed ids,
 * escaped control characters and lone surrogates, truncation, or random characters.
 */
final class HostileFrames {
    /** Every action and the record its fields are read into. */
    static final Map<String, Class<?>> RECORDS = Map.ofEntries(
            Map.entry(Actions.FIND_USERS, FindUsersRequest.class),
            Map.entry(Actions.CREATE_CONVERSATION, CreateConversationRequest.class),
            Map.entry(Actions.GET_CONVERSATION, GetConversationRequest.class),
            Map.entry(Actions.LIST_CONVERSATIONS, ListConversationsRequest.class),
            Map.entry(Actions.ADD_MEMBERS, AddMembersRequest.class),
            Map.entry(Actions.REMOVE_MEMBERS, RemoveMembersRequest.class),
            Map.entry(Actions.LEAVE_CONVERSATION, LeaveConversationRequest.class),
            Map.entry(Actions.SEND_MESSAGE, SendMessageRequest.class),
            Map.entry(Actions.PING, PingRequest.class),
            Map.entry(Actions.LIST_DEVICES, ListDevicesRequest.class),
            Map.entry(Actions.REVOKE_DEVICE, RevokeDeviceRequest.class),
            Map.entry(Actions.SIGN_OUT_EVERYWHERE, SignOutEverywhereRequest.class),
            Map.entry(Actions.SYNC, SyncRequest.class),
            Map.entry(Actions.HISTORY, HistoryRequest.class),
            Map.entry(Actions.MARK_DELIVERED, MarkRequest.class),
            Map.entry(Actions.MARK_READ, MarkRequest.class),
            Map.entry(Actions.READ_COUNTS, ReadCountsRequest.class),
            Map.entry(Actions.TYPING, TypingRequest.class),
            Map.entry(Actions.GET_PRESENCE, GetPresenceRequest.class),
            Map.entry(Actions.GET_SETTINGS, GetSettingsRequest.class),
            Map.entry(Actions.UPDATE_SETTINGS, UpdateSettingsRequest.class),
            Map.entry(Actions.REGISTER_DEVICE, RegisterDeviceRequest.class),
            Map.entry(Actions.UNREGISTER_DEVICE, UnregisterDeviceRequest.class),
            Map.entry(Actions.MUTE_CONVERSATION, MuteConversationRequest.class),
            Map.entry(Actions.REQUEST_UPLOAD, RequestUploadRequest.class),
            Map.entry(Actions.GET_MEDIA_URL, GetMediaUrlRequest.class),
            Map.entry(Actions.PUBLISH_KEYS, PublishKeysRequest.class),
            Map.entry(Actions.GET_KEY_COUNTS, GetKeyCountsRequest.class),
            Map.entry(Actions.CLAIM_KEYS, ClaimKeysRequest.class),
            Map.entry(Actions.GET_KEY_LOG, GetKeyLogRequest.class));

    /** What one mutation does to a frame. */
    enum Mutation {
        WRONG_TYPE, HOSTILE_STRING, MALFORMED_ID, MISSING_FIELD, UNKNOWN_FIELD, DUPLICATE_KEY, DEEP_NESTING,
        LONG_NUMBER, ESCAPED_CONTROL, LONE_SURROGATE, OTHER_ACTION, TRUNCATED, RANDOM_TEXT
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ID_FIELDS = Set.of("conversationId", "deviceId", "mediaId", "clientMessageId",
            "userIds", "members", "media", "cursors");
    private static final String[] HOSTILE_STRINGS = {
            "", " ", "g_123", "a b/../c", "../../etc/passwd", "%00", "null", "true", "0", "-1", "{}", "[]",
            "\"", "\\", "'; DROP TABLE x; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "\u202e\u0661",
            "g_5B1F0C2E9D4A4F6E8A7B3C2D1E0F9A8B", "g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b\n", "ｇ_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b",
            "d_00000000000000000000000000000000", "m_aaaaaaaaaaaaaaaaaaaaaaaaaa", "m_AAAAAAAAAAAAAAAAAAAAAAAAAA",
            "\uD83D\uDE00", "\uFEFF", "\uFFFF", "\u00e9\u0301", "APNS", "FCM", "image/png", "application/pdf",
            "thumb", "original", "typing", "stopped", "direct", "group", "tablet-1", "iphone-7f3a"};

    private HostileFrames() {
    }

    /** A frame of {@code action} after the given mutations, each drawing what it needs from {@code random}. */
    static String frame(String action, List<Mutation> mutations, Random random) {
        ObjectNode frame = skeleton(action, random);
        List<Mutation> onText = new ArrayList<>();
        for (Mutation mutation : mutations) {
            switch (mutation) {
                case WRONG_TYPE -> frame.set(someField(frame, action, random), anyValue(random, 2));
                case HOSTILE_STRING -> frame.put(someField(frame, action, random), hostileString(random));
                case MALFORMED_ID -> {
                    String field = pick(random, ID_FIELDS.toArray(String[]::new));
                    frame.set(field, switch (field) {
                        case "userIds", "members", "media" -> NODES.arrayNode().add(malformedId(random));
                        case "cursors" -> NODES.objectNode().put(malformedId(random), 1);
                        default -> NODES.textNode(malformedId(random));
                    });
                }
                case MISSING_FIELD -> frame.remove(someField(frame, action, random));
                case UNKNOWN_FIELD -> frame.set(random.nextBoolean() ? "x" + random.nextInt(1000) : hostileString(random),
                        anyValue(random, 3));
                case OTHER_ACTION -> frame.put("action", random.nextInt(4) == 0 ? hostileString(random)
                        : pick(random, RECORDS.keySet().toArray(String[]::new)));
                default -> onText.add(mutation);
            }
        }
        String text = frame.toString();
        for (Mutation mutation : onText) {
            text = onText(mutation, text, frame, random);
        }
        return text;
    }

    private static String onText(Mutation mutation, String text, ObjectNode frame, Random random) {
        String[] names = fieldNames(frame);
        String field = "\"" + (names.length == 0 ? "action" : pick(random, names)) + "\":";
        return switch (mutation) {
            case DUPLICATE_KEY -> prepend(text, field + (random.nextBoolean() ? "\"again\"" : "1"));
            case DEEP_NESTING -> {
                int depth = pick(random, new Integer[]{2, 31, 32, 33, 100, 1000, 5000, 40_000});
                yield prepend(text, "\"deep\":" + "[".repeat(depth) + "]".repeat(depth));
            }
            case LONG_NUMBER -> prepend(text, field + longNumber(random));
            case ESCAPED_CONTROL -> injectEscape(text, pick(random, new String[]{"\\u0000", "\\u0001", "\\u001f", "\\u001b",
                    "\\u007f", "\\b", "\\f", "\\u0009", "\\n"}), random);
            case LONE_SURROGATE -> injectEscape(text, pick(random, new String[]{"\\ud800", "\\udfff", "\\ud83d",
                    "\\ude00\\ud83d", "\\udbff\\udbff"}), random);
            case TRUNCATED -> text.substring(0, random.nextInt(text.length() + 1));
            case RANDOM_TEXT -> randomText(random);
            default -> text;
        };
    }

    /** The frame with {@code member} as its first member; a frame that is no longer an object just gets it in front. */
    private static String prepend(String text, String member) {
        return text.startsWith("{") ? "{" + member + "," + text.substring(1) : "{" + member + "}" + text;
    }

    /** The action's record with every field holding a value its use case accepts. */
    private static ObjectNode skeleton(String action, Random random) {
        ObjectNode frame = NODES.objectNode().put("action", action);
        if (random.nextInt(20) != 0) {
            frame.put("requestId", "r" + random.nextInt(1_000_000));
        }
        for (RecordComponent component : RECORDS.get(action).getRecordComponents()) {
            JsonNode value = validValue(component, random);
            if (value != null) {
                frame.set(component.getName(), value);
            }
        }
        return frame;
    }

    private static JsonNode validValue(RecordComponent component, Random random) {
        return switch (component.getName()) {
            case "conversationId" -> NODES.textNode(FakeWorldHandlers.GROUP);
            case "clientMessageId" -> NODES.textNode("c-" + random.nextInt(1_000_000));
            case "text" -> NODES.textNode("hi \uD83D\uDE00");
            case "ciphertext", "alg", "replyToSeq", "media", "cursor", "since", "thumbnailSize" -> null;
            case "kind" -> NODES.textNode("group");
            case "members", "userIds" -> NODES.arrayNode().add(FakeWorldHandlers.BOB);
            case "usernames" -> NODES.arrayNode().add("bob");
            case "cursors" -> NODES.objectNode().put(FakeWorldHandlers.GROUP, 0);
            case "state" -> NODES.textNode("typing");
            case "platform" -> NODES.textNode("FCM");
            case "token" -> NODES.textNode("token-" + random.nextInt(1000));
            case "deviceId" -> NODES.textNode(FakeWorldHandlers.OTHER_DEVICE);
            case "identityKey" -> NODES.textNode("BQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");
            case "contentType" -> NODES.textNode("image/png");
            case "mediaId" -> NODES.textNode("m_" + "a".repeat(26));
            case "versions" -> NODES.arrayNode().add("thumb");
            default -> {
                Class<?> type = component.getType();
                if (type == Long.class || type == Integer.class) {
                    yield NODES.numberNode(1 + random.nextInt(5));
                }
                if (type == Boolean.class) {
                    yield NODES.booleanNode(random.nextBoolean());
                }
                yield type == String.class ? NODES.textNode("Team") : null;
            }
        };
    }

    private static String someField(ObjectNode frame, String action, Random random) {
        List<String> names = new ArrayList<>(List.of("action", "requestId"));
        names.addAll(List.of(fieldNames(frame)));
        for (RecordComponent component : RECORDS.get(action).getRecordComponents()) {
            names.add(component.getName());
        }
        return names.get(random.nextInt(names.size()));
    }

    private static String[] fieldNames(ObjectNode frame) {
        List<String> names = new ArrayList<>();
        frame.fieldNames().forEachRemaining(names::add);
        return names.toArray(String[]::new);
    }

    /** Any JSON value, nested at most {@code depth} more levels. */
    private static JsonNode anyValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(pick(random, new Long[]{0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
                    (long) Integer.MAX_VALUE + 1, 9_007_199_254_740_993L}));
            case 3 -> NODES.numberNode(pick(random, new Double[]{1.5, -0.0, 1e308, 4.9e-324, 1e19}));
            case 4 -> NODES.numberNode(new BigInteger(64 + random.nextInt(2), random));
            case 5, 6 -> NODES.textNode(hostileString(random));
            case 7 -> NODES.textNode(FakeWorldHandlers.GROUP);
            case 8 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(anyValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(hostileString(random), anyValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static String hostileString(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(pick(random, new Integer[]{64, 65, 128, 129, 4097, 16_385, 40_000}));
            case 1 -> randomText(random);
            default -> pick(random, HOSTILE_STRINGS);
        };
    }

    private static String malformedId(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "a".repeat(65);
            case 1 -> "a b/../c";
            case 2 -> "g_123";
            case 3 -> "m_" + "a".repeat(25) + "1";
            case 4 -> FakeWorldHandlers.GROUP.toUpperCase();
            default -> hostileString(random);
        };
    }

    private static String longNumber(Random random) {
        String digits = "1" + "7".repeat(15 + random.nextInt(400));
        return switch (random.nextInt(4)) {
            case 0 -> "-" + digits;
            case 1 -> digits + ".5";
            case 2 -> "1e" + digits;
            default -> digits;
        };
    }

    /** Puts a JSON escape into a random string value of the frame's text, or into a new one. */
    private static String injectEscape(String text, String escape, Random random) {
        List<Integer> insideStrings = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
                if (inString) {
                    insideStrings.add(i + 1);
                }
            }
        }
        if (insideStrings.isEmpty() || random.nextInt(5) == 0) {
            return prepend(text, "\"extra\":\"" + escape + "\"");
        }
        int at = insideStrings.get(random.nextInt(insideStrings.size()));
        return text.substring(0, at) + escape + text.substring(at);
    }

    /** Characters from anywhere in the UTF-16 range, surrogate halves included. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(64); i > 0; i--) {
            text.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x80);
                case 1 -> "{}[]\":,\\".charAt(random.nextInt(8));
                case 2 -> (char) (0xD800 + random.nextInt(0x800));
                default -> (char) random.nextInt(0x10000);
            });
        }
        return text.toString();
    }

    /** The route API Gateway selects: {@code $request.body.action}, or $default when the body has none. */
    static String routeKey(String text) {
        try {
            JsonNode action = JSON.readTree(text).path("action");
            return action.isTextual() ? action.asText() : "$default";
        } catch (Exception e) {
            return "$default";
        }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
