package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogVerifier;
import dev.parley.client.signal.store.ProtocolStore;
import dev.parley.client.signal.store.SignalStore;
import org.signal.libsignal.protocol.DuplicateMessageException;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.InvalidVersionException;
import org.signal.libsignal.protocol.LegacyMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.UntrustedIdentityException;
import org.signal.libsignal.protocol.message.CiphertextMessage;
import org.signal.libsignal.protocol.message.PreKeySignalMessage;
import org.signal.libsignal.protocol.message.SignalMessage;
import org.signal.libsignal.protocol.state.PreKeyBundle;
import org.signal.libsignal.protocol.util.KeyHelper;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * This device's Signal identity and its sessions with peer devices, addressed as
 * {@code (userId, deviceNum)}. Offline: it makes publishKeys payloads, builds sessions from
 * claimKeys bundles and encrypts and decrypts envelopes; {@link E2eeClient} wires it to the
 * connection. Thread-safe (one lock: libsignal's ratchets are read-modify-write on the store).
 */
public final class SignalDevice {
    private final String userId;
    private final SignalStore store;
    private final ProtocolStore protocol;
    private final PreKeys preKeys;
    private final E2eeListener listener;

    private SignalDevice(String userId, SignalStore store, E2eeListener listener) {
        this.userId = userId;
        this.store = store;
        this.listener = listener;
        this.protocol = new ProtocolStore(store, listener::onIdentityChanged);
        this.preKeys = new PreKeys(protocol);
    }

    /** Where this device's state lives (package-private: the sender keys' bookkeeping is kept there too). */
    SignalStore store() {
        return store;
    }

    /** The device whose state {@code store} holds; a store without one gets a new identity key pair and registration id. */
    public static SignalDevice open(SignalStore store, String userId, E2eeListener listener) {
        Objects.requireNonNull(userId, "userId");
        synchronized (store) {
            if (!store.localIdentity().isPresent()) {
                store.setLocalIdentity(new SignalStore.LocalIdentity(IdentityKeyPair.generate().serialize(),
                        KeyHelper.generateRegistrationId(false), 0));
            }
        }
        return new SignalDevice(userId, store, listener == null ? new E2eeListener() { } : listener);
    }

    public String userId() {
        return userId;
    }

    public synchronized int registrationId() {
        return protocol.getLocalRegistrationId();
    }

    public synchronized IdentityKey identityKey() {
        return protocol.getIdentityKeyPair().getPublicKey();
    }

    /** The number the server gave this device on its first publish; 0 before it. */
    public synchronized int deviceNum() {
        return store.localIdentity().map(SignalStore.LocalIdentity::deviceNum).orElse(0);
    }

    /**
     * The first publish (also a reinstall's): signed prekey, last-resort Kyber key, 100 + 100
     * one-time keys, as requests that each fit a WebSocket frame (the first carries the signed
     * and last-resort keys); send them in order.
     */
    public synchronized List<KeyWire.PublishKeysRequest> fullPublish() {
        return PublishBatches.split(preKeys.full(), PublishBatches.MAX_REQUEST_BYTES);
    }

    /** A refill when the server's counts are below the threshold, in frame-sized requests; empty when they are not. */
    public synchronized List<KeyWire.PublishKeysRequest> refill(KeyWire.KeyCounts serverCounts) {
        KeyWire.PublishKeysRequest refill = preKeys.refill(serverCounts);
        return refill == null ? List.of() : PublishBatches.split(refill, PublishBatches.MAX_REQUEST_BYTES);
    }

    /** Records the device number from the publishKeys reply. */
    public synchronized void published(KeyWire.PublishKeysReply reply) {
        SignalStore.LocalIdentity local = store.localIdentity().get();
        if (local.deviceNum() != reply.deviceNum()) {
            store.setLocalIdentity(local.withDeviceNum(reply.deviceNum()));
        }
    }

    /**
     * Builds a session with every device of a claimKeys reply, after checking each bundle's
     * identity key against the key log the verifier holds (verify the log first). This device's
     * own bundle, if the reply has it, is skipped.
     *
     * @return the device numbers sessions were built with
     */
    public synchronized List<Integer> startSessions(KeyWire.ClaimKeysReply reply, KeyLogVerifier verifier)
            throws KeyLogException, E2eeException.BundleRejected {
        List<Integer> started = new ArrayList<>();
        for (KeyWire.Bundle bundle : reply.bundles()) {
            if (reply.userId().equals(userId) && bundle.deviceNum() == deviceNum()) {
                continue;
            }
            verifier.checkBundle(reply.userId(), bundle);
            startSession(reply.userId(), bundle);
            started.add(bundle.deviceNum());
        }
        return started;
    }

    private void startSession(String peer, KeyWire.Bundle bundle) throws E2eeException.BundleRejected {
        SignalProtocolAddress address = new SignalProtocolAddress(peer, bundle.deviceNum());
        if (bundle.signedPreKey() == null || bundle.kyberPreKey() == null) {
            throw new E2eeException.BundleRejected(peer, bundle.deviceNum(), E2eeException.BundleRejected.Reason.INVALID_KEY,
                    "the bundle lacks its signed prekey or its Kyber prekey", null);
        }
        try {
            PreKeyBundle preKeyBundle = new PreKeyBundle(bundle.registrationId(), bundle.deviceNum(),
                    bundle.oneTimePreKey() == null ? PreKeyBundle.NULL_PRE_KEY_ID : bundle.oneTimePreKey().keyId(),
                    bundle.oneTimePreKey() == null ? null
                            : Base64Keys.ecPublicKey("oneTimePreKey.publicKey", bundle.oneTimePreKey().publicKey()),
                    bundle.signedPreKey().keyId(),
                    Base64Keys.ecPublicKey("signedPreKey.publicKey", bundle.signedPreKey().publicKey()),
                    Base64Keys.decode("signedPreKey.signature", bundle.signedPreKey().signature()),
                    Base64Keys.identityKey("identityKey", bundle.identityKey()),
                    bundle.kyberPreKey().keyId(),
                    Base64Keys.kemPublicKey("kyberPreKey.publicKey", bundle.kyberPreKey().publicKey()),
                    Base64Keys.decode("kyberPreKey.signature", bundle.kyberPreKey().signature()));
            new SessionBuilder(protocol, address).process(preKeyBundle);
        } catch (Base64Keys.BadKeyException | InvalidKeyException e) {
            throw new E2eeException.BundleRejected(peer, bundle.deviceNum(), E2eeException.BundleRejected.Reason.INVALID_KEY,
                    String.valueOf(e.getMessage()), e);
        } catch (UntrustedIdentityException e) {
            throw new E2eeException.BundleRejected(peer, bundle.deviceNum(),
                    E2eeException.BundleRejected.Reason.UNTRUSTED_IDENTITY, "its identity key changed", e);
        }
    }

    /** Drops the session with a peer device (the server called it extra or stale); its identity stays trusted. */
    public synchronized void forgetSession(String peer, int peerDeviceNum) {
        protocol.deleteSession(new SignalProtocolAddress(peer, peerDeviceNum));
    }

    /** The registration id the session with a peer device was built for; 0 without a session. */
    public synchronized int remoteRegistrationId(String peer, int peerDeviceNum) {
        SignalProtocolAddress address = new SignalProtocolAddress(peer, peerDeviceNum);
        return protocol.containsSession(address) ? new SessionCipher(protocol, address).getRemoteRegistrationId() : 0;
    }

    /** libsignal's stores, for {@link SenderKeys}; use them only while holding this device's lock. */
    ProtocolStore protocol() {
        return protocol;
    }

    /** The devices of {@code userId} this device has a session with. */
    public synchronized List<Integer> sessionDevices(String peer) {
        List<Integer> devices = new ArrayList<>();
        for (int device : store.sessionDevices(peer)) {
            if (protocol.containsSession(new SignalProtocolAddress(peer, device))) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** One envelope per device, in the order given; all or nothing. */
    public synchronized List<KeyWire.Envelope> encrypt(String peer, List<Integer> deviceNums, byte[] plaintext)
            throws E2eeException.EncryptionFailed {
        List<KeyWire.Envelope> envelopes = new ArrayList<>(deviceNums.size());
        for (int device : deviceNums) {
            SignalProtocolAddress address = new SignalProtocolAddress(peer, device);
            if (!protocol.containsSession(address)) {
                throw new E2eeException.EncryptionFailed(peer, device, E2eeException.EncryptionFailed.Reason.NO_SESSION,
                        "no session", null);
            }
            try {
                SessionCipher cipher = new SessionCipher(protocol, address);
                CiphertextMessage message = cipher.encrypt(plaintext);
                envelopes.add(new KeyWire.Envelope(peer, device, cipher.getRemoteRegistrationId(),
                        message.getType() == CiphertextMessage.PREKEY_TYPE ? KeyWire.Envelope.PREKEY : KeyWire.Envelope.MESSAGE,
                        Base64Keys.encode(message.serialize())));
            } catch (NoSessionException e) {
                throw new E2eeException.EncryptionFailed(peer, device, E2eeException.EncryptionFailed.Reason.NO_SESSION,
                        String.valueOf(e.getMessage()), e);
            } catch (UntrustedIdentityException e) {
                throw new E2eeException.EncryptionFailed(peer, device,
                        E2eeException.EncryptionFailed.Reason.UNTRUSTED_IDENTITY, "its identity key changed", e);
            }
        }
        return envelopes;
    }

    /**
     * Decrypts an envelope addressed to this device from {@code (senderUserId, senderDeviceNum)}.
     * A failure is also told to {@link E2eeListener#onDecryptionFailed}.
     */
    public synchronized byte[] decrypt(String senderUserId, int senderDeviceNum, KeyWire.Envelope envelope)
            throws E2eeException.DecryptionFailed {
        try {
            return decryptOrThrow(senderUserId, senderDeviceNum, envelope);
        } catch (E2eeException.DecryptionFailed failure) {
            listener.onDecryptionFailed(failure);
            throw failure;
        }
    }

    /** {@link #decrypt} without telling the listener (the caller reports with the message's context). */
    byte[] decryptOrThrow(String sender, int device, KeyWire.Envelope envelope) throws E2eeException.DecryptionFailed {
        SessionCipher cipher = new SessionCipher(protocol, new SignalProtocolAddress(sender, device));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Objects.requireNonNull(envelope.ciphertext(), "ciphertext"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.MALFORMED_ENVELOPE, e);
        }
        try {
            if (KeyWire.Envelope.PREKEY.equals(envelope.type())) {
                return cipher.decrypt(new PreKeySignalMessage(bytes));
            }
            if (KeyWire.Envelope.MESSAGE.equals(envelope.type())) {
                return cipher.decrypt(new SignalMessage(bytes));
            }
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.MALFORMED_ENVELOPE,
                    new IllegalArgumentException("envelope type " + envelope.type()));
        } catch (DuplicateMessageException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.DUPLICATE, e);
        } catch (InvalidKeyIdException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.UNKNOWN_PREKEY, e);
        } catch (NoSessionException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.NO_SESSION, e);
        } catch (UntrustedIdentityException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.UNTRUSTED_IDENTITY, e);
        } catch (InvalidMessageException | InvalidVersionException | LegacyMessageException | InvalidKeyException e) {
            throw failed(sender, device, E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE, e);
        }
    }

    private static E2eeException.DecryptionFailed failed(String sender, int device,
                                                         E2eeException.DecryptionFailed.Reason reason, Exception cause) {
        return new E2eeException.DecryptionFailed(sender, device, reason, String.valueOf(cause.getMessage()), cause);
    }

    /** The safety number of this device and a peer device whose identity key is trusted (IllegalStateException when none is). */
    public synchronized SafetyNumber safetyNumber(String peer, int peerDeviceNum) {
        IdentityKey theirs = protocol.getIdentity(new SignalProtocolAddress(peer, peerDeviceNum));
        if (theirs == null) {
            throw new IllegalStateException("no identity key is known for " + peer + "." + peerDeviceNum
                    + ": claim its keys first");
        }
        return SafetyNumber.of(userId, identityKey(), peer, theirs);
    }

    /** The identity key trusted for a peer device, or null. */
    public synchronized IdentityKey trustedIdentity(String peer, int peerDeviceNum) {
        return protocol.getIdentity(new SignalProtocolAddress(peer, peerDeviceNum));
    }

    /** Trusts a peer device's new identity key (after onIdentityChanged and the user's consent). */
    public synchronized void trust(String peer, int peerDeviceNum, IdentityKey identityKey) {
        protocol.trust(peer, peerDeviceNum, identityKey);
    }
}
