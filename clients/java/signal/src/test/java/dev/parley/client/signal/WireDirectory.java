package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The key directory of the E2EE contract (docs/e2ee.md), in process, for the SDK's unit tests:
 * it reads requests and writes replies as JSON text only (never the SDK's records), so every
 * bundle crosses the wire format. Its key log hashes with its own code, independent of the
 * verifier's. The server's real directory is the keys helper's; the live tests use that one.
 */
final class WireDirectory {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final Map<String, Map<Integer, ObjectNode>> devices = new HashMap<>();
    private final Map<String, Map<String, Integer>> deviceNums = new HashMap<>();
    private final Map<String, Integer> nextDeviceNum = new HashMap<>();
    private final Map<String, Deque<JsonNode>> oneTime = new HashMap<>();
    private final Map<String, Deque<JsonNode>> oneTimeKyber = new HashMap<>();
    private final Map<String, List<ObjectNode>> logs = new HashMap<>();
    private long clock = 1_700_000_000_000L;

    synchronized String publish(String userId, String deviceId, String requestJson) {
        if (requestJson.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("a " + requestJson.length() + "-byte request: API Gateway would close the connection (1009)");
        }
        int ec = read(requestJson).path("oneTimePreKeys").size();
        int kyber = read(requestJson).path("oneTimeKyberPreKeys").size();
        if (ec > 100 || kyber > 100) {
            throw new IllegalArgumentException("more than 100 one-time keys of a kind in one publishKeys");
        }
        ObjectNode request = read(requestJson);
        Map<String, Integer> nums = deviceNums.computeIfAbsent(userId, u -> new HashMap<>());
        Integer num = nums.get(deviceId);
        Map<Integer, ObjectNode> userDevices = devices.computeIfAbsent(userId, u -> new LinkedHashMap<>());
        String change = null;
        if (num == null) {
            num = nextDeviceNum.merge(userId, 1, Integer::sum);
            nums.put(deviceId, num);
            change = "added";
        } else if (userDevices.get(num).get("registrationId").asInt() != request.get("registrationId").asInt()) {
            change = "reinstalled";
            oneTime.remove(userId + "." + num);
            oneTimeKyber.remove(userId + "." + num);
        }
        ObjectNode device = userDevices.computeIfAbsent(num, n -> JSON.createObjectNode());
        device.put("registrationId", request.get("registrationId").asInt());
        device.put("identityKey", request.get("identityKey").asText());
        if (request.hasNonNull("signedPreKey")) {
            device.set("signedPreKey", request.get("signedPreKey"));
        }
        if (request.hasNonNull("kyberLastResortKey")) {
            device.set("kyberLastResortKey", request.get("kyberLastResortKey"));
        }
        String key = userId + "." + num;
        request.path("oneTimePreKeys").forEach(k -> oneTime.computeIfAbsent(key, k2 -> new ArrayDeque<>()).add(k));
        request.path("oneTimeKyberPreKeys").forEach(k -> oneTimeKyber.computeIfAbsent(key, k2 -> new ArrayDeque<>()).add(k));
        if (change != null) {
            append(userId, num, device.get("registrationId").asInt(), device.get("identityKey").asText(), change);
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("deviceNum", num);
        reply.put("oneTimePreKeys", oneTime.getOrDefault(key, new ArrayDeque<>()).size());
        reply.put("oneTimeKyberPreKeys", oneTimeKyber.getOrDefault(key, new ArrayDeque<>()).size());
        return reply.toString();
    }

    /** For the calling device, as the server knows it by its connection's deviceId. */
    synchronized String keyCounts(String userId, String deviceId) {
        Integer deviceNum = deviceNums.getOrDefault(userId, Map.of()).get(deviceId);
        ObjectNode reply = JSON.createObjectNode();
        reply.put("oneTimePreKeys", oneTime.getOrDefault(userId + "." + deviceNum, new ArrayDeque<>()).size());
        reply.put("oneTimeKyberPreKeys", oneTimeKyber.getOrDefault(userId + "." + deviceNum, new ArrayDeque<>()).size());
        return reply.toString();
    }

    synchronized String claim(String requestJson) {
        ObjectNode request = read(requestJson);
        String userId = request.get("userId").asText();
        ObjectNode reply = JSON.createObjectNode();
        reply.put("userId", userId);
        reply.set("keyLog", head(userId));
        ArrayNode bundles = reply.putArray("bundles");
        devices.getOrDefault(userId, Map.of()).forEach((num, device) -> {
            if (request.hasNonNull("deviceNum") && request.get("deviceNum").asInt() != num) {
                return;
            }
            ObjectNode bundle = bundles.addObject();
            bundle.put("deviceNum", num);
            bundle.put("registrationId", device.get("registrationId").asInt());
            bundle.put("identityKey", device.get("identityKey").asText());
            bundle.set("signedPreKey", device.get("signedPreKey"));
            JsonNode ec = oneTime.getOrDefault(userId + "." + num, new ArrayDeque<>()).poll();
            if (ec != null) {
                bundle.set("oneTimePreKey", ec);
            }
            JsonNode kyber = oneTimeKyber.getOrDefault(userId + "." + num, new ArrayDeque<>()).poll();
            ObjectNode kyberKey = (kyber != null ? kyber : device.get("kyberLastResortKey")).deepCopy();
            kyberKey.put("lastResort", kyber == null);
            bundle.set("kyberPreKey", kyberKey);
        });
        return reply.toString();
    }

    synchronized String keyLog(String requestJson) {
        ObjectNode request = read(requestJson);
        String userId = request.get("userId").asText();
        long after = request.path("afterSeq").asLong(0);
        ObjectNode reply = JSON.createObjectNode();
        reply.put("userId", userId);
        ArrayNode entries = reply.putArray("entries");
        logs.getOrDefault(userId, List.of()).stream().filter(e -> e.get("seq").asLong() > after)
                .limit(KeyWire.MAX_KEY_LOG_PAGE).forEach(entries::add);
        return reply.toString();
    }

    /** A server-side rewrite of the key table only: the bundle then disagrees with the log. */
    synchronized void overwriteIdentityKey(String userId, int deviceNum, String identityKey) {
        devices.get(userId).get(deviceNum).put("identityKey", identityKey);
    }

    /** A server-side rewrite of history: entry {@code seq} gets another key, and every hash from it on is recomputed. */
    synchronized void rewriteLog(String userId, long seq, String identityKey) {
        List<ObjectNode> log = logs.get(userId);
        String prev = Base64.getEncoder().encodeToString(new byte[32]);
        for (ObjectNode entry : log) {
            if (entry.get("seq").asLong() == seq) {
                entry.put("identityKey", identityKey);
            }
            entry.put("prevHash", prev);
            entry.put("hash", hash(prev, entry));
            prev = entry.get("hash").asText();
        }
    }

    /** Drops the newest entries: a server serving an older log. */
    synchronized void truncateLog(String userId, int keep) {
        List<ObjectNode> log = logs.get(userId);
        while (log.size() > keep) {
            log.remove(log.size() - 1);
        }
    }

    /** The user's devices that published keys, deviceNum to registrationId (what the server expects a send to address). */
    synchronized Map<Integer, Integer> currentDevices(String userId) {
        Map<Integer, Integer> current = new java.util.TreeMap<>();
        devices.getOrDefault(userId, Map.of()).forEach((num, device) -> current.put(num, device.get("registrationId").asInt()));
        return current;
    }

    /** The devicesChanged event's payload for the user's current head. */
    synchronized ObjectNode devicesChanged(String userId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("userId", userId);
        event.set("keyLog", head(userId));
        return event;
    }

    private ObjectNode head(String userId) {
        List<ObjectNode> log = logs.getOrDefault(userId, List.of());
        ObjectNode head = JSON.createObjectNode();
        head.put("seq", log.size());
        head.put("hash", log.isEmpty() ? Base64.getEncoder().encodeToString(new byte[32]) : log.get(log.size() - 1).get("hash").asText());
        return head;
    }

    private void append(String userId, int deviceNum, int registrationId, String identityKey, String change) {
        List<ObjectNode> log = logs.computeIfAbsent(userId, u -> new ArrayList<>());
        ObjectNode entry = JSON.createObjectNode();
        entry.put("seq", log.size() + 1);
        entry.put("deviceNum", deviceNum);
        entry.put("registrationId", registrationId);
        entry.put("identityKey", identityKey);
        entry.put("change", change);
        entry.put("at", clock++);
        String prev = log.isEmpty() ? Base64.getEncoder().encodeToString(new byte[32]) : log.get(log.size() - 1).get("hash").asText();
        entry.put("prevHash", prev);
        entry.put("hash", hash(prev, entry));
        log.add(entry);
    }

    static String hash(String prevHash, JsonNode entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Base64.getDecoder().decode(prevHash));
            String fields = String.join("|", entry.get("seq").asText(), entry.get("deviceNum").asText(),
                    entry.get("registrationId").asText(), entry.get("identityKey").asText(), entry.get("change").asText(),
                    entry.get("at").asText());
            return Base64.getEncoder().encodeToString(sha256.digest(fields.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** One device's view of the directory: a {@link KeyDirectory} that goes through JSON text both ways. */
    KeyDirectory as(String userId, String deviceId) {
        WireDirectory directory = this;
        return new KeyDirectory() {
            @Override
            public CompletableFuture<KeyWire.PublishKeysReply> publishKeys(KeyWire.PublishKeysRequest request) {
                return CompletableFuture.completedFuture(parse(directory.publish(userId, deviceId, write(request)),
                        KeyWire.PublishKeysReply.class));
            }

            @Override
            public CompletableFuture<KeyWire.KeyCounts> getKeyCounts() {
                return CompletableFuture.completedFuture(parse(directory.keyCounts(userId, deviceId), KeyWire.KeyCounts.class));
            }

            @Override
            public CompletableFuture<KeyWire.ClaimKeysReply> claimKeys(String target, Integer num) {
                return CompletableFuture.completedFuture(parse(directory.claim(write(new KeyWire.ClaimKeysRequest(target, num))),
                        KeyWire.ClaimKeysReply.class));
            }

            @Override
            public CompletableFuture<KeyWire.KeyLogReply> getKeyLog(String target, Long afterSeq) {
                return CompletableFuture.completedFuture(parse(directory.keyLog(write(new KeyWire.GetKeyLogRequest(target, afterSeq))),
                        KeyWire.KeyLogReply.class));
            }
        };
    }

    static String write(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
