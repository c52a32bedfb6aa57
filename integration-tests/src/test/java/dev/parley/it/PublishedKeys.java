package dev.parley.it;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.PreKeyInfo;
import dev.parley.model.v1.PublishKeysReply;
import dev.parley.model.v1.PublishKeysRequest;
import dev.parley.model.v1.SignedPreKeyInfo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Key material of the shape libsignal serializes (docs/protocol/e2ee.md): random bytes of the right
 * lengths, which is all the server checks; it never does cryptography. A device's keys as a test
 * publishes them, and the publishing in frames small enough for the gateway (32 KB a frame).
 */
final class PublishedKeys {
    static final int EC_BYTES = 33;
    static final int KYBER_BYTES = 1569;
    static final int SIGNATURE_BYTES = 64;
    /** About 2.2 KB of JSON each: 10 keep a publishKeys frame well under 32 KB. */
    static final int KYBER_KEYS_PER_FRAME = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    final int registrationId;
    final String identityKey = ec();
    final SignedPreKeyInfo signedPreKey = new SignedPreKeyInfo(1, ec(), signature());
    final SignedPreKeyInfo lastResort = new SignedPreKeyInfo(1_000_000, kyber(), signature());
    final List<PreKeyInfo> oneTimeEc;
    final List<SignedPreKeyInfo> oneTimeKyber;

    PublishedKeys(int oneTime) {
        registrationId = 1 + RANDOM.nextInt(16380);
        oneTimeEc = IntStream.rangeClosed(1, oneTime).mapToObj(id -> new PreKeyInfo(id, ec())).toList();
        oneTimeKyber = IntStream.rangeClosed(1, oneTime).mapToObj(id -> new SignedPreKeyInfo(id, kyber(), signature())).toList();
    }

    /** Publishes everything, the Kyber keys over as many frames as they need; the last reply. */
    PublishKeysReply publish(Device device) {
        PublishKeysReply reply = device.call(Actions.PUBLISH_KEYS, new PublishKeysRequest(registrationId, identityKey,
                signedPreKey, lastResort, oneTimeEc, List.of()), PublishKeysReply.class);
        for (int from = 0; from < oneTimeKyber.size(); from += KYBER_KEYS_PER_FRAME) {
            List<SignedPreKeyInfo> batch = new ArrayList<>(oneTimeKyber.subList(from,
                    Math.min(oneTimeKyber.size(), from + KYBER_KEYS_PER_FRAME)));
            reply = device.call(Actions.PUBLISH_KEYS, new PublishKeysRequest(registrationId, identityKey, null, null,
                    null, batch), PublishKeysReply.class);
        }
        return reply;
    }

    static String ec() {
        byte[] key = bytes(EC_BYTES);
        key[0] = 0x05;
        return Base64.getEncoder().encodeToString(key);
    }

    static String kyber() {
        byte[] key = bytes(KYBER_BYTES);
        key[0] = 0x08;
        return Base64.getEncoder().encodeToString(key);
    }

    static String signature() {
        return Base64.getEncoder().encodeToString(bytes(SIGNATURE_BYTES));
    }

    static String base64(int length) {
        return Base64.getEncoder().encodeToString(bytes(length));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
