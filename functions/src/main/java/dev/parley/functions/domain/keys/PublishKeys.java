package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.Limits;
import dev.parley.model.v1.PublishKeysReply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: the calling device publishes its public keys. Its first publish allocates its device
 * number and appends "added" to the user's key log; a publish with another registrationId is a
 * reinstall: the old one-time keys go, the identity key may change, and "reinstalled" is appended.
 * Both tell the user's contacts and other devices ({@link DeviceChanges}). Later publishes add
 * one-time keys and replace the signed and last-resort keys when given.
 */
public final class PublishKeys {
    /** libsignal's KeyHelper.generateRegistrationId range. */
    public static final int MAX_REGISTRATION_ID = 16380;
    /** Concurrent changes of one user's devices each append to the same log; the loser reads again. */
    private static final int ATTEMPTS = 5;

    private final KeyDirectory directory;
    private final KeyLog log;
    private final DeviceChanges changes;
    private final Clock clock;

    public PublishKeys(KeyDirectory directory, KeyLog log, DeviceChanges changes, Clock clock) {
        this.directory = directory;
        this.log = log;
        this.changes = changes;
        this.clock = clock;
    }

    public PublishKeysReply publish(Actor actor, Command command) {
        Keys keys = command.validated();
        String userId = actor.userId();
        int deviceNum = directory.deviceNum(userId, actor.deviceId());
        for (int attempt = 1; ; attempt++) {
            Optional<DeviceKeys> existing = directory.device(userId, deviceNum);
            if (existing.isPresent() && existing.get().registrationId() == keys.registrationId()) {
                if (!Arrays.equals(existing.get().identityKey(), keys.identityKey())) {
                    throw RequestFields.badRequest("Field \"identityKey\" differs from this device's: a new identity key"
                            + " needs a new registrationId (a reinstall).");
                }
                if (keys.signedPreKey() != null || keys.lastResort() != null) {
                    directory.replaceSignedKeys(userId, deviceNum, keys.signedPreKey(), keys.lastResort());
                }
                break;
            }
            if (install(actor, deviceNum, keys, existing)) {
                break;
            }
            if (attempt == ATTEMPTS) {
                throw new FailureException(new Failure.Unavailable("key log"));
            }
        }
        KeyCounts counts = directory.addOneTimeKeys(userId, deviceNum, keys.oneTimeEc(), keys.oneTimeKyber());
        return new PublishKeysReply(deviceNum, counts.ec(), counts.kyber());
    }

    private boolean install(Actor actor, int deviceNum, Keys keys, Optional<DeviceKeys> existing) {
        if (keys.signedPreKey() == null || keys.lastResort() == null) {
            throw RequestFields.badRequest("Fields \"signedPreKey\" and \"kyberLastResortKey\" are required on a device's"
                    + " first publishKeys and on a reinstall (a new registrationId).");
        }
        if (existing.isPresent()) {
            directory.dropOneTimeKeys(actor.userId(), deviceNum);
        }
        KeyLogEntry entry = KeyLogEntry.after(log.head(actor.userId()).orElse(null), deviceNum, keys.registrationId(),
                keys.identityKey(), existing.isPresent() ? KeyLogEntry.Change.REINSTALLED : KeyLogEntry.Change.ADDED,
                clock.instant());
        DeviceKeys device = new DeviceKeys(actor.userId(), actor.deviceId(), deviceNum, keys.registrationId(),
                keys.identityKey(), keys.signedPreKey(), new KeyCounts(0, 0));
        if (!directory.install(device, keys.lastResort(), existing.map(DeviceKeys::registrationId).orElse(null), entry)) {
            return false;
        }
        changes.announceOrLog(DevicesChanged.of(actor.userId(), entry));
        return true;
    }

    /** What the caller asks for: the {@code publishKeys} action's fields, as the handler read them. */
    public record Command(Integer registrationId, String identityKey, KeyFields signedPreKey, KeyFields kyberLastResortKey,
                          List<KeyFields> oneTimePreKeys, List<KeyFields> oneTimeKyberPreKeys) {

        Keys validated() {
            int registration = RequestFields.required(registrationId, "registrationId");
            if (registration < 1 || registration > MAX_REGISTRATION_ID) {
                throw RequestFields.badRequest("Field \"registrationId\" must be 1 to " + MAX_REGISTRATION_ID + ".");
            }
            byte[] identity = PublicKey.ec(identityKey, "identityKey");
            SignedKey signed = signedPreKey == null ? null : signedPreKey.ecSigned("signedPreKey");
            SignedKey lastResort = kyberLastResortKey == null ? null : kyberLastResortKey.kyber("kyberLastResortKey");
            List<SignedKey> ec = oneTime(oneTimePreKeys, "oneTimePreKeys", false);
            List<SignedKey> kyber = oneTime(oneTimeKyberPreKeys, "oneTimeKyberPreKeys", true);
            return new Keys(registration, identity, signed, lastResort, ec, kyber);
        }

        private static List<SignedKey> oneTime(List<KeyFields> given, String field, boolean kyber) {
            if (given == null) {
                return List.of();
            }
            if (given.size() > Limits.MAX_ONE_TIME_KEYS_PER_PUBLISH) {
                throw new FailureException(new Failure.LimitExceeded("At most " + Limits.MAX_ONE_TIME_KEYS_PER_PUBLISH
                        + " keys in \"" + field + "\" per publishKeys; publish the rest in another call."));
            }
            List<SignedKey> keys = new ArrayList<>(given.size());
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < given.size(); i++) {
                String name = field + "[" + i + "]";
                KeyFields key = RequestFields.required(given.get(i), name);
                SignedKey parsed = kyber ? key.kyber(name) : key.ec(name);
                if (!ids.add(parsed.keyId())) {
                    throw RequestFields.badRequest("Field \"" + name + ".keyId\" repeats key id " + parsed.keyId() + ".");
                }
                keys.add(parsed);
            }
            return keys;
        }
    }

    /** One key as the client sent it: base64 fields, not yet checked. */
    public record KeyFields(Integer keyId, String publicKey, String signature) {

        SignedKey ec(String field) {
            return new SignedKey(PublicKey.keyId(keyId, field + ".keyId"), PublicKey.ec(publicKey, field + ".publicKey"), null);
        }

        SignedKey ecSigned(String field) {
            return new SignedKey(PublicKey.keyId(keyId, field + ".keyId"), PublicKey.ec(publicKey, field + ".publicKey"),
                    PublicKey.signature(signature, field + ".signature"));
        }

        SignedKey kyber(String field) {
            return new SignedKey(PublicKey.keyId(keyId, field + ".keyId"), PublicKey.kyber(publicKey, field + ".publicKey"),
                    PublicKey.signature(signature, field + ".signature"));
        }
    }

    private record Keys(int registrationId, byte[] identityKey, SignedKey signedPreKey, SignedKey lastResort,
                        List<SignedKey> oneTimeEc, List<SignedKey> oneTimeKyber) {
    }
}
