package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W10, the E2EE key directory (issue #15): what one {@code claimKeys} of one device costs. The
 * target device publishes 100 one-time EC keys and 40 one-time Kyber keys (in frames of 10 Kyber
 * keys, which is what fits the gateway's 32 KB frame), then another user claims it
 * {@value #CLAIMS} times, one at a time: every claim takes a one-time key of each kind and none
 * leaves the device below the keysLow threshold, the common case. Keys are random bytes of
 * libsignal's lengths: the server checks only lengths.
 */
final class KeysWorkload {
    /** Under the 20 claims a minute per (caller, target device), so the burst is never refused. */
    static final int CLAIMS = 15;
    private static final int EC_KEYS = 100;
    private static final int KYBER_KEYS = 40;
    private static final int KYBER_PER_FRAME = 10;
    private static final int TIMEOUT_SECONDS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SyncWorkload.Meters meters;
    private final Progress progress;

    KeysWorkload(SyncWorkload.Meters meters, Progress progress) {
        this.meters = meters;
        this.progress = progress;
    }

    OperationResult run(Device target, Device claimer) throws InterruptedException {
        progress.say("W10: publishing %d EC and %d Kyber one-time keys", EC_KEYS, KYBER_KEYS);
        int registrationId = 1 + RANDOM.nextInt(16380);
        String identityKey = ec();
        ArrayNode ecKeys = Device.fields().arrayNode();
        for (int id = 1; id <= EC_KEYS; id++) {
            ecKeys.add(Device.fields().put("keyId", id).put("publicKey", ec()));
        }
        JsonNode published = call(target, Actions.PUBLISH_KEYS, Device.fields().put("registrationId", registrationId)
                .put("identityKey", identityKey)
                .<ObjectNode>set("signedPreKey", signed(1, ec()))
                .<ObjectNode>set("kyberLastResortKey", signed(1_000_000, kyber()))
                .set("oneTimePreKeys", ecKeys));
        for (int from = 1; from <= KYBER_KEYS; from += KYBER_PER_FRAME) {
            ArrayNode kyberKeys = Device.fields().arrayNode();
            for (int id = from; id < from + KYBER_PER_FRAME; id++) {
                kyberKeys.add(signed(id, kyber()));
            }
            call(target, Actions.PUBLISH_KEYS, Device.fields().put("registrationId", registrationId)
                    .put("identityKey", identityKey).set("oneTimeKyberPreKeys", kyberKeys));
        }
        int deviceNum = published.path("deviceNum").asInt();

        MeterReading before = meters.quietReading();
        List<Double> latencies = new ArrayList<>();
        int withOneTimeKeys = 0;
        for (int i = 0; i < CLAIMS; i++) {
            long start = System.nanoTime();
            JsonNode bundle = call(claimer, Actions.CLAIM_KEYS, Device.fields().put("userId", target.user().userId())
                    .put("deviceNum", deviceNum)).path("bundles").path(0);
            latencies.add((System.nanoTime() - start) / 1e6);
            if (bundle.has("oneTimePreKey") && !bundle.path("kyberPreKey").path("lastResort").asBoolean()) {
                withOneTimeKeys++;
            }
        }
        MeterReading cost = meters.quietReading().since(before);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("replyP50Ms", Latency.percentile(latencies, 50));
        figures.put("replyP95Ms", Latency.percentile(latencies, 95));
        figures.put("claimsWithOneTimeKeys", (double) withOneTimeKeys);
        return new OperationResult("W10 claimKeys", ("%d claims of one device, one at a time, each taking a one-time EC"
                + " and Kyber key (none below the keysLow threshold of %d)").formatted(CLAIMS, Limits.KEYS_LOW_THRESHOLD),
                CLAIMS, cost, figures);
    }

    private static JsonNode call(Device device, String action, ObjectNode fields) {
        // A refusal completes the request exceptionally: the run stops there, with the error frame.
        return device.request(action, fields).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static ObjectNode signed(int keyId, String publicKey) {
        return Device.fields().put("keyId", keyId).put("publicKey", publicKey).put("signature", random(64));
    }

    /** An EC public key as libsignal serializes it: type byte 0x05 and 32 bytes. */
    private static String ec() {
        byte[] key = new byte[33];
        RANDOM.nextBytes(key);
        key[0] = 0x05;
        return Base64.getEncoder().encodeToString(key);
    }

    /** A Kyber1024 public key's length (1569 bytes); the server checks no more. */
    private static String kyber() {
        return random(1569);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
