package dev.parley.client.signal.keylog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.store.SignalStore;
import dev.parley.client.store.StoreException;
import dev.parley.model.ProtocolCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a user's hash-chained key log (docs/e2ee.md) and remembers the newest verified head in
 * the {@link SignalStore}. Entry n's hash is SHA-256(prevHash bytes || UTF-8 of
 * "seq|deviceNum|registrationId|identityKey|change|at"), entry 1's prevHash 32 zero bytes. A
 * later log must extend the remembered head; anything else is a {@link KeyLogException}.
 */
public final class KeyLogVerifier {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();
    private static final String ZERO_HASH = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Set<String> CHANGES = Set.of("added", "reinstalled", "revoked");

    private final SignalStore store;

    public KeyLogVerifier(SignalStore store) {
        this.store = store;
    }

    public Optional<KeyLogState> known(String userId) {
        return store.keyLog(userId).map(json -> {
            try {
                return JSON.readValue(json, KeyLogState.class);
            } catch (JsonProcessingException e) {
                throw new StoreException("the key log state of " + userId + " cannot be read", e);
            }
        });
    }

    /** The afterSeq to ask getKeyLog with: the remembered seq, or null (the whole log) for a user never verified. */
    public Long afterSeq(String userId) {
        return known(userId).map(KeyLogState::seq).orElse(null);
    }

    /**
     * True when {@code head} (from claimKeys or devicesChanged) is the remembered head; false when
     * it is newer (fetch the log from {@link #afterSeq} and {@link #verify} it).
     */
    public boolean isCurrent(String userId, KeyWire.KeyLogHead head) throws KeyLogException {
        KeyLogState state = known(userId).orElse(null);
        if (state == null || head.seq() > state.seq()) {
            return false;
        }
        if (head.seq() < state.seq()) {
            throw new KeyLogException(KeyLogException.Kind.ROLLBACK, userId,
                    "the server's head is seq " + head.seq() + ", this device verified seq " + state.seq());
        }
        if (!state.hash().equals(head.hash())) {
            throw new KeyLogException(KeyLogException.Kind.FORK, userId,
                    "seq " + head.seq() + " has hash " + head.hash() + ", this device verified " + state.hash());
        }
        return true;
    }

    /**
     * Verifies a getKeyLog reply (the whole log, or the entries after the remembered seq) and
     * remembers its head. Nothing is remembered when it fails.
     */
    public KeyLogState verify(String userId, KeyWire.KeyLogReply reply) throws KeyLogException {
        KeyLogState known = known(userId).orElse(null);
        List<KeyWire.KeyLogEntry> entries = reply.entries() == null ? List.of() : reply.entries();
        boolean fromStart = known == null || (!entries.isEmpty() && entries.get(0).seq() == 1);
        long seq = fromStart ? 0 : known.seq();
        String hash = fromStart ? ZERO_HASH : known.hash();
        List<KeyLogState.DeviceKey> devices = new ArrayList<>(fromStart ? List.of() : known.devices());
        for (KeyWire.KeyLogEntry entry : entries) {
            if (entry.seq() != seq + 1) {
                throw new KeyLogException(KeyLogException.Kind.BROKEN_CHAIN, userId,
                        "entry seq " + entry.seq() + " follows seq " + seq);
            }
            if (!hash.equals(entry.prevHash())) {
                boolean extendsKnownHead = known != null && seq == known.seq();
                throw new KeyLogException(extendsKnownHead ? KeyLogException.Kind.FORK : KeyLogException.Kind.BROKEN_CHAIN,
                        userId, "entry " + entry.seq() + " links to " + entry.prevHash() + ", not " + hash);
            }
            if (!CHANGES.contains(entry.change())) {
                throw new KeyLogException(KeyLogException.Kind.MALFORMED, userId,
                        "entry " + entry.seq() + " has change " + entry.change());
            }
            String computed = hash(hash, entry);
            if (!computed.equals(entry.hash())) {
                throw new KeyLogException(KeyLogException.Kind.BROKEN_CHAIN, userId,
                        "entry " + entry.seq() + " says hash " + entry.hash() + ", its fields hash to " + computed);
            }
            if (known != null && entry.seq() == known.seq() && !computed.equals(known.hash())) {
                throw new KeyLogException(KeyLogException.Kind.FORK, userId,
                        "seq " + entry.seq() + " now hashes to " + computed + ", this device verified " + known.hash());
            }
            devices.removeIf(device -> device.deviceNum() == entry.deviceNum());
            devices.add(new KeyLogState.DeviceKey(entry.deviceNum(), entry.registrationId(), entry.identityKey(),
                    "revoked".equals(entry.change())));
            seq = entry.seq();
            hash = computed;
        }
        if (known != null && seq < known.seq()) {
            throw new KeyLogException(KeyLogException.Kind.ROLLBACK, userId,
                    "the log ends at seq " + seq + ", this device verified seq " + known.seq());
        }
        devices.sort((a, b) -> Integer.compare(a.deviceNum(), b.deviceNum()));
        KeyLogState verified = new KeyLogState(seq, hash, List.copyOf(devices));
        try {
            store.putKeyLog(userId, JSON.writeValueAsString(verified));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write the key log state of " + userId, e);
        }
        return verified;
    }

    /** A claimKeys bundle must carry the identity key the verified log holds for that device. */
    public void checkBundle(String userId, KeyWire.Bundle bundle) throws KeyLogException {
        KeyLogState state = known(userId).orElseThrow(() -> new KeyLogException(KeyLogException.Kind.UNKNOWN_DEVICE,
                userId, "no verified key log for the user"));
        KeyLogState.DeviceKey device = state.device(bundle.deviceNum()).orElseThrow(() -> new KeyLogException(
                KeyLogException.Kind.UNKNOWN_DEVICE, userId, "device " + bundle.deviceNum() + " is not in the key log"));
        if (device.revoked()) {
            throw new KeyLogException(KeyLogException.Kind.UNKNOWN_DEVICE, userId,
                    "device " + bundle.deviceNum() + " is revoked in the key log");
        }
        if (!Arrays.equals(decode(userId, device.identityKey()), decode(userId, bundle.identityKey()))) {
            throw new KeyLogException(KeyLogException.Kind.IDENTITY_MISMATCH, userId, "device " + bundle.deviceNum()
                    + " has identity key " + bundle.identityKey() + " in the bundle, " + device.identityKey() + " in the log");
        }
    }

    /** base64(SHA-256(prevHash bytes (valid base64: the verifier passes its own hash) || UTF-8 of "seq|deviceNum|registrationId|identityKey|change|at")). */
    public static String hash(String prevHash, KeyWire.KeyLogEntry entry) {
        String fields = entry.seq() + "|" + entry.deviceNum() + "|" + entry.registrationId() + "|"
                + (entry.identityKey() == null ? "" : entry.identityKey()) + "|" + entry.change() + "|" + entry.at();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Base64.getDecoder().decode(prevHash));
            return Base64.getEncoder().encodeToString(sha256.digest(fields.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] decode(String userId, String base64) throws KeyLogException {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new KeyLogException(KeyLogException.Kind.MALFORMED, userId, "an identity key is not base64: " + base64);
        }
    }
}
