package dev.parley.client.signal;

import dev.parley.client.signal.store.ProtocolStore;
import dev.parley.client.signal.store.SignalStore;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes this device's prekeys, keeps their private halves in the store and returns the public
 * halves as the publishKeys payload. One-time keys come in batches of
 * {@link KeyWire#MAX_ONE_TIME_KEYS_PER_PUBLISH}; a kind is refilled when the server holds fewer
 * than {@link KeyWire#KEYS_LOW_THRESHOLD}.
 */
final class PreKeys {
    private final ProtocolStore protocol;
    private final SignalStore store;

    PreKeys(ProtocolStore protocol) {
        this.protocol = protocol;
        this.store = protocol.store();
    }

    /** A device's first publish (and a reinstall's): signed prekey, Kyber last-resort key, 100 + 100 one-time keys. */
    KeyWire.PublishKeysRequest full() {
        IdentityKeyPair identity = protocol.getIdentityKeyPair();
        return new KeyWire.PublishKeysRequest(protocol.getLocalRegistrationId(),
                Base64Keys.encode(identity.getPublicKey().serialize()), signedPreKey(identity), kyber(identity, true),
                oneTimePreKeys(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH), oneTimeKyberPreKeys(identity, KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH));
    }

    /** Tops up each kind the server holds too few of to a full batch; null when neither is low. */
    KeyWire.PublishKeysRequest refill(KeyWire.KeyCounts counts) {
        if (!counts.low()) {
            return null;
        }
        IdentityKeyPair identity = protocol.getIdentityKeyPair();
        int max = KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH;
        List<KeyWire.PreKey> ec = counts.oneTimePreKeys() < KeyWire.KEYS_LOW_THRESHOLD
                ? oneTimePreKeys(max - Math.max(0, counts.oneTimePreKeys())) : null;
        List<KeyWire.SignedKey> kyber = counts.oneTimeKyberPreKeys() < KeyWire.KEYS_LOW_THRESHOLD
                ? oneTimeKyberPreKeys(identity, max - Math.max(0, counts.oneTimeKyberPreKeys())) : null;
        return new KeyWire.PublishKeysRequest(protocol.getLocalRegistrationId(),
                Base64Keys.encode(identity.getPublicKey().serialize()), null, null, ec, kyber);
    }

    private KeyWire.SignedKey signedPreKey(IdentityKeyPair identity) {
        int id = ids("signedPreKey", 1);
        ECKeyPair pair = ECKeyPair.generate();
        byte[] publicKey = pair.getPublicKey().serialize();
        byte[] signature = identity.getPrivateKey().calculateSignature(publicKey);
        protocol.storeSignedPreKey(id, new SignedPreKeyRecord(id, System.currentTimeMillis(), pair, signature));
        return new KeyWire.SignedKey(id, Base64Keys.encode(publicKey), Base64Keys.encode(signature));
    }

    private KeyWire.SignedKey kyber(IdentityKeyPair identity, boolean lastResort) {
        return kyber(identity, ids("kyberPreKey", 1), lastResort);
    }

    private KeyWire.SignedKey kyber(IdentityKeyPair identity, int id, boolean lastResort) {
        KEMKeyPair pair = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
        byte[] publicKey = pair.getPublicKey().serialize();
        byte[] signature = identity.getPrivateKey().calculateSignature(publicKey);
        KyberPreKeyRecord record = new KyberPreKeyRecord(id, System.currentTimeMillis(), pair, signature);
        if (lastResort) {
            protocol.storeLastResortKyberPreKey(id, record);
        } else {
            protocol.storeKyberPreKey(id, record);
        }
        return new KeyWire.SignedKey(id, Base64Keys.encode(publicKey), Base64Keys.encode(signature));
    }

    private List<KeyWire.PreKey> oneTimePreKeys(int count) {
        int first = ids("preKey", count);
        List<KeyWire.PreKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = wrap(first + i);
            ECKeyPair pair = ECKeyPair.generate();
            protocol.storePreKey(id, new PreKeyRecord(id, pair));
            keys.add(new KeyWire.PreKey(id, Base64Keys.encode(pair.getPublicKey().serialize())));
        }
        return keys;
    }

    private List<KeyWire.SignedKey> oneTimeKyberPreKeys(IdentityKeyPair identity, int count) {
        int first = ids("kyberPreKey", count);
        List<KeyWire.SignedKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(kyber(identity, wrap(first + i), false));
        }
        return keys;
    }

    private int ids(String sequence, int count) {
        return wrap(store.reserveIds(sequence, count));
    }

    /** Ids run 1..2^24-1 and wrap: by then the keys they named are long used or replaced. */
    private static int wrap(int id) {
        return (id - 1) % KeyWire.MAX_KEY_ID + 1;
    }
}
