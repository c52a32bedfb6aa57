package dev.parley.client.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.signal.store.SignalStore;
import dev.parley.model.ProtocolCodec;
import org.signal.libsignal.protocol.DuplicateMessageException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.InvalidVersionException;
import org.signal.libsignal.protocol.LegacyMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.message.SenderKeyDistributionMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * This device's sender keys, one per group conversation, each named by a distributionId, and the
 * peer devices each was distributed to (docs/e2ee.md#groups-sender-keys). The keys, which
 * distributionId is current and who holds it all live in the {@code SignalStore} (written through
 * on every change), so a restarted app sends its current key only to devices that do not hold it:
 * neither a round to everyone nor a member skipped.
 */
final class SenderKeys {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final SignalDevice device;
    private final SignalStore store;
    private final Map<String, Current> current = new HashMap<>();

    /** The distributionId a conversation's group sends use now, and the devices ("user.num") that hold it. */
    record Current(UUID distributionId, Set<String> holders) {
    }

    /** What the store keeps of a conversation's current key. */
    record Stored(String distributionId, List<String> holders) {
    }

    SenderKeys(SignalDevice device) {
        this.device = device;
        this.store = device.store();
        store.ownSenderKeys().forEach((conversationId, json) -> {
            try {
                Stored stored = JSON.readValue(json, Stored.class);
                current.put(conversationId, new Current(UUID.fromString(stored.distributionId()), new HashSet<>(stored.holders())));
            } catch (IOException | RuntimeException unreadable) {
                store.putOwnSenderKey(conversationId, null); // a new key then, distributed to every member
            }
        });
    }

    synchronized Current current(String conversationId) {
        Current now = current.get(conversationId);
        if (now == null) {
            now = new Current(UUID.randomUUID(), new HashSet<>());
            current.put(conversationId, now);
            save(conversationId, now);
        }
        return now;
    }

    private void save(String conversationId, Current now) {
        try {
            store.putOwnSenderKey(conversationId, JSON.writeValueAsString(new Stored(now.distributionId().toString(),
                    new ArrayList<>(new TreeSet<>(now.holders())))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sender key's state always serializes", e);
        }
    }

    private void forget(String conversationId) {
        current.remove(conversationId);
        store.putOwnSenderKey(conversationId, null);
    }

    /**
     * The key for a send to these members, replaced first when one of its holders belongs to a user
     * who is no longer among them. Rotation then follows the member list itself, so it holds when
     * this device made the removal (the calling connection gets no event) or missed the event.
     */
    synchronized Current current(String conversationId, Collection<String> members) {
        Current now = current.get(conversationId);
        if (now != null && now.holders().stream().anyMatch(holder -> !members.contains(userOf(holder)))) {
            forget(conversationId);
        }
        return current(conversationId);
    }

    private static String userOf(String holder) {
        return holder.substring(0, holder.lastIndexOf('.'));
    }

    synchronized void distributed(String conversationId, UUID distributionId, Set<String> devices) {
        Current now = current.get(conversationId);
        if (now != null && now.distributionId().equals(distributionId)) {
            now.holders().addAll(devices);
            save(conversationId, now);
        }
    }

    /** A device was reinstalled: it holds none of this device's sender keys any more. */
    synchronized void forgetHolder(String userId, int deviceNum) {
        current.forEach((conversationId, now) -> {
            if (now.holders().remove(userId + "." + deviceNum)) {
                save(conversationId, now);
            }
        });
    }

    /** A member left or was removed: the next group send makes a new key (the one they hold reads nothing new). */
    synchronized void rotate(String conversationId) {
        forget(conversationId);
    }

    /** A device was revoked: every conversation gets a new key (this device does not track who shares which group). */
    synchronized void rotateAll() {
        current.clear();
        store.clearOwnSenderKeys();
    }

    /** The distribution message of this device's sender key for the distributionId (created on first use). */
    byte[] distributionMessage(UUID distributionId) {
        synchronized (device) {
            return new GroupSessionBuilder(device.protocol()).create(own(), distributionId).serialize();
        }
    }

    byte[] encrypt(UUID distributionId, byte[] plaintext) throws E2eeException.EncryptionFailed {
        synchronized (device) {
            try {
                return new GroupCipher(device.protocol(), own()).encrypt(distributionId, plaintext).serialize();
            } catch (NoSessionException e) {
                throw new E2eeException.EncryptionFailed(device.userId(), device.deviceNum(),
                        E2eeException.EncryptionFailed.Reason.NO_SESSION, "no sender key " + distributionId, e);
            }
        }
    }

    /** Takes a peer device's sender key from its distribution message. */
    void process(String sender, int senderDeviceNum, byte[] distributionMessage)
            throws InvalidMessageException, InvalidVersionException, LegacyMessageException {
        synchronized (device) {
            try {
                new GroupSessionBuilder(device.protocol()).process(new SignalProtocolAddress(sender, senderDeviceNum),
                        new SenderKeyDistributionMessage(distributionMessage));
            } catch (org.signal.libsignal.protocol.InvalidKeyException e) {
                throw new InvalidMessageException(e.getMessage());
            }
        }
    }

    byte[] decrypt(String sender, int senderDeviceNum, byte[] ciphertext) throws E2eeException.DecryptionFailed {
        synchronized (device) {
            try {
                return new GroupCipher(device.protocol(), new SignalProtocolAddress(sender, senderDeviceNum)).decrypt(ciphertext);
            } catch (NoSessionException e) {
                throw failed(sender, senderDeviceNum, E2eeException.DecryptionFailed.Reason.NO_SENDER_KEY, e);
            } catch (DuplicateMessageException e) {
                throw failed(sender, senderDeviceNum, E2eeException.DecryptionFailed.Reason.DUPLICATE, e);
            } catch (InvalidMessageException | LegacyMessageException e) {
                throw failed(sender, senderDeviceNum, E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE, e);
            }
        }
    }

    private SignalProtocolAddress own() {
        return new SignalProtocolAddress(device.userId(), device.deviceNum());
    }

    private static E2eeException.DecryptionFailed failed(String sender, int device, E2eeException.DecryptionFailed.Reason reason,
                                                         Exception cause) {
        return new E2eeException.DecryptionFailed(sender, device, reason, String.valueOf(cause.getMessage()), cause);
    }
}
