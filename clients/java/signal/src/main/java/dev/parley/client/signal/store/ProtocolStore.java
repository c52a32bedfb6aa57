package dev.parley.client.signal.store;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.ReusedBaseKeyException;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.groups.state.SenderKeyRecord;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SessionRecord;
import org.signal.libsignal.protocol.state.SignalProtocolStore;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * libsignal's store interfaces over a {@link SignalStore}. Trust is on first use, then pinned:
 * a peer device's identity key is recorded the first time a session is built with it (after the
 * key log vouched for it), and a different key later is untrusted in both directions, so
 * libsignal refuses to encrypt to it or decrypt from it, and the change goes to the
 * {@link IdentityChangeListener}. Only {@link #trust} (the app, after showing the user) replaces it.
 */
public final class ProtocolStore implements SignalProtocolStore {
    private final SignalStore store;
    private final IdentityChangeListener identityChanges;

    public ProtocolStore(SignalStore store, IdentityChangeListener identityChanges) {
        this.store = store;
        this.identityChanges = identityChanges;
    }

    /** Told when a peer device presents an identity key other than the one trusted for it. */
    public interface IdentityChangeListener {
        void identityChanged(String userId, int deviceNum, IdentityKey trusted, IdentityKey presented);
    }

    public SignalStore store() {
        return store;
    }

    /** Accepts {@code identityKey} for the peer device from now on (the user saw the change, or verified it). */
    public void trust(String userId, int deviceNum, IdentityKey identityKey) {
        store.setPeerIdentity(userId, deviceNum, identityKey.serialize());
    }

    @Override
    public IdentityKeyPair getIdentityKeyPair() {
        try {
            return new IdentityKeyPair(local().identityKeyPair());
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the stored identity key pair cannot be read", e);
        }
    }

    @Override
    public int getLocalRegistrationId() {
        return local().registrationId();
    }

    @Override
    public IdentityChange saveIdentity(SignalProtocolAddress address, IdentityKey identityKey) {
        IdentityKey trusted = getIdentity(address);
        if (trusted == null) {
            store.setPeerIdentity(address.getName(), address.getDeviceId(), identityKey.serialize());
            return IdentityChange.NEW_OR_UNCHANGED;
        }
        if (!trusted.equals(identityKey)) {
            // libsignal asks isTrustedIdentity first, so only a key the app trusted reaches here; never replace silently.
            identityChanges.identityChanged(address.getName(), address.getDeviceId(), trusted, identityKey);
        }
        return IdentityChange.NEW_OR_UNCHANGED;
    }

    @Override
    public boolean isTrustedIdentity(SignalProtocolAddress address, IdentityKey identityKey, Direction direction) {
        IdentityKey trusted = getIdentity(address);
        if (trusted == null || trusted.equals(identityKey)) {
            return true;
        }
        identityChanges.identityChanged(address.getName(), address.getDeviceId(), trusted, identityKey);
        return false;
    }

    @Override
    public IdentityKey getIdentity(SignalProtocolAddress address) {
        Optional<byte[]> key = store.peerIdentity(address.getName(), address.getDeviceId());
        if (!key.isPresent()) {
            return null;
        }
        try {
            return new IdentityKey(key.get());
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the stored identity key of " + address + " cannot be read", e);
        }
    }

    @Override
    public PreKeyRecord loadPreKey(int preKeyId) throws InvalidKeyIdException {
        byte[] record = store.preKey(preKeyId).orElseThrow(() -> new InvalidKeyIdException("no prekey " + preKeyId));
        try {
            return new PreKeyRecord(record);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("the stored prekey " + preKeyId + " cannot be read", e);
        }
    }

    @Override
    public void storePreKey(int preKeyId, PreKeyRecord record) {
        store.putPreKey(preKeyId, record.serialize());
    }

    @Override
    public boolean containsPreKey(int preKeyId) {
        return store.preKey(preKeyId).isPresent();
    }

    @Override
    public void removePreKey(int preKeyId) {
        store.removePreKey(preKeyId);
    }

    @Override
    public SignedPreKeyRecord loadSignedPreKey(int signedPreKeyId) throws InvalidKeyIdException {
        byte[] record = store.signedPreKey(signedPreKeyId)
                .orElseThrow(() -> new InvalidKeyIdException("no signed prekey " + signedPreKeyId));
        return signedPreKey(record);
    }

    @Override
    public List<SignedPreKeyRecord> loadSignedPreKeys() {
        List<SignedPreKeyRecord> all = new ArrayList<>();
        store.signedPreKeys().forEach(record -> all.add(signedPreKey(record)));
        return all;
    }

    @Override
    public void storeSignedPreKey(int signedPreKeyId, SignedPreKeyRecord record) {
        store.putSignedPreKey(signedPreKeyId, record.serialize());
    }

    @Override
    public boolean containsSignedPreKey(int signedPreKeyId) {
        return store.signedPreKey(signedPreKeyId).isPresent();
    }

    @Override
    public void removeSignedPreKey(int signedPreKeyId) {
        store.removeSignedPreKey(signedPreKeyId);
    }

    @Override
    public KyberPreKeyRecord loadKyberPreKey(int kyberPreKeyId) throws InvalidKeyIdException {
        SignalStore.KyberPreKey key = store.kyberPreKey(kyberPreKeyId)
                .orElseThrow(() -> new InvalidKeyIdException("no Kyber prekey " + kyberPreKeyId));
        return kyberPreKey(key.record());
    }

    @Override
    public List<KyberPreKeyRecord> loadKyberPreKeys() {
        List<KyberPreKeyRecord> all = new ArrayList<>();
        store.kyberPreKeys().forEach(key -> all.add(kyberPreKey(key.record())));
        return all;
    }

    /** Stores a one-time Kyber prekey (libsignal's interface has no flag; last-resort ones go through {@link #storeLastResortKyberPreKey}). */
    @Override
    public void storeKyberPreKey(int kyberPreKeyId, KyberPreKeyRecord record) {
        store.putKyberPreKey(kyberPreKeyId, new SignalStore.KyberPreKey(record.serialize(), false));
    }

    public void storeLastResortKyberPreKey(int kyberPreKeyId, KyberPreKeyRecord record) {
        store.putKyberPreKey(kyberPreKeyId, new SignalStore.KyberPreKey(record.serialize(), true));
    }

    @Override
    public boolean containsKyberPreKey(int kyberPreKeyId) {
        return store.kyberPreKey(kyberPreKeyId).isPresent();
    }

    /** A one-time key is deleted; a last-resort key stays, and the same first message twice is refused. */
    @Override
    public void markKyberPreKeyUsed(int kyberPreKeyId, int signedPreKeyId, ECPublicKey baseKey) throws ReusedBaseKeyException {
        Optional<SignalStore.KyberPreKey> key = store.kyberPreKey(kyberPreKeyId);
        if (!key.isPresent()) {
            return;
        }
        if (!key.get().lastResort()) {
            store.removeKyberPreKey(kyberPreKeyId);
        } else if (!store.markKyberBaseKeyUsed(kyberPreKeyId, signedPreKeyId, baseKey.serialize())) {
            throw new ReusedBaseKeyException("the last-resort Kyber key " + kyberPreKeyId + " was used with this base key before");
        }
    }

    @Override
    public SessionRecord loadSession(SignalProtocolAddress address) {
        Optional<byte[]> record = store.session(address.getName(), address.getDeviceId());
        return record.map(ProtocolStore::session).orElse(null);
    }

    @Override
    public List<SessionRecord> loadExistingSessions(List<SignalProtocolAddress> addresses) throws NoSessionException {
        List<SessionRecord> sessions = new ArrayList<>();
        for (SignalProtocolAddress address : addresses) {
            SessionRecord record = loadSession(address);
            if (record == null) {
                throw new NoSessionException("no session with " + address);
            }
            sessions.add(record);
        }
        return sessions;
    }

    /** libsignal's meaning: the devices with a session other than device 1. */
    @Override
    public List<Integer> getSubDeviceSessions(String name) {
        List<Integer> devices = new ArrayList<>(store.sessionDevices(name));
        devices.remove(Integer.valueOf(1));
        return devices;
    }

    @Override
    public void storeSession(SignalProtocolAddress address, SessionRecord record) {
        store.putSession(address.getName(), address.getDeviceId(), record.serialize());
    }

    @Override
    public boolean containsSession(SignalProtocolAddress address) {
        SessionRecord record = loadSession(address);
        return record != null && record.hasSenderChain();
    }

    @Override
    public void deleteSession(SignalProtocolAddress address) {
        store.removeSession(address.getName(), address.getDeviceId());
    }

    @Override
    public void deleteAllSessions(String name) {
        for (int device : store.sessionDevices(name)) {
            store.removeSession(name, device);
        }
    }

    @Override
    public void storeSenderKey(SignalProtocolAddress sender, UUID distributionId, SenderKeyRecord record) {
        store.putSenderKey(sender.getName(), sender.getDeviceId(), distributionId, record.serialize());
    }

    @Override
    public SenderKeyRecord loadSenderKey(SignalProtocolAddress sender, UUID distributionId) {
        Optional<byte[]> record = store.senderKey(sender.getName(), sender.getDeviceId(), distributionId);
        if (!record.isPresent()) {
            return null;
        }
        try {
            return new SenderKeyRecord(record.get());
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("the stored sender key of " + sender + " cannot be read", e);
        }
    }

    private SignalStore.LocalIdentity local() {
        return store.localIdentity().orElseThrow(() -> new IllegalStateException("this device has no identity yet"));
    }

    private static SignedPreKeyRecord signedPreKey(byte[] record) {
        try {
            return new SignedPreKeyRecord(record);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a stored signed prekey cannot be read", e);
        }
    }

    private static KyberPreKeyRecord kyberPreKey(byte[] record) {
        try {
            return new KyberPreKeyRecord(record);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a stored Kyber prekey cannot be read", e);
        }
    }

    private static SessionRecord session(byte[] record) {
        try {
            return new SessionRecord(record);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a stored session cannot be read", e);
        }
    }
}
