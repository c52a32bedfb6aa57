package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ClaimKeysReply;
import dev.parley.model.v1.KeyLogHead;
import dev.parley.model.v1.KeysLowEvent;
import dev.parley.model.v1.KyberPreKeyInfo;
import dev.parley.model.v1.PreKeyBundle;
import dev.parley.model.v1.PreKeyInfo;
import dev.parley.model.v1.SignedPreKeyInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use case: a prekey bundle of each of a user's devices (or one), so the caller can start Signal
 * sessions with them. Each bundle takes one one-time EC key (none when the device has none left)
 * and one one-time Kyber key, or, when those ran out, the device's last-resort Kyber key. A
 * one-time key goes to exactly one claim, however many race (the directory takes it with a
 * conditional delete). A device left below {@link Limits#KEYS_LOW_THRESHOLD} of a kind gets
 * {@code keysLow}. Each (caller, target device) pair may claim {@link Limits#KEY_CLAIMS_PER_MINUTE}
 * times a minute, so nobody drains a device's one-time keys quickly.
 *
 * <p>Cost per device: a rate-limit write, the device's entry, one Query and conditional
 * DeleteItem per kind, a counter update, and the log head; it does not grow with users.
 */
public final class ClaimKeys {
    private final KeyDirectory directory;
    private final KeyLog log;
    private final PerMinuteLimit limit;
    private final FanOut fanOut;

    public ClaimKeys(KeyDirectory directory, KeyLog log, PerMinuteLimit limit, FanOut fanOut) {
        this.directory = directory;
        this.log = log;
        this.limit = limit;
        this.fanOut = fanOut;
    }

    public ClaimKeysReply claim(Actor actor, Command command) {
        String userId = RequestFields.required(command.userId(), "userId");
        List<DeviceKeys> devices;
        if (command.deviceNum() == null) {
            devices = directory.devices(userId);
        } else {
            if (command.deviceNum() < 1) {
                throw RequestFields.badRequest("Field \"deviceNum\" must be 1 or more.");
            }
            devices = directory.device(userId, command.deviceNum()).map(List::of).orElse(List.of());
        }
        if (devices.isEmpty()) {
            throw new FailureException(new Failure.KeysNotFound(userId, command.deviceNum()));
        }
        for (DeviceKeys device : devices) {
            if (!limit.admits(actor.userId() + ">" + userId + "#" + device.deviceNum())) {
                throw new FailureException(new Failure.RateLimited(Actions.CLAIM_KEYS + " of one device", limit.perMinute()));
            }
        }
        KeyLogEntry head = log.head(userId).orElseThrow(() -> new IllegalStateException("a user with keys has a key log"));
        List<PreKeyBundle> bundles = new ArrayList<>(devices.size());
        for (DeviceKeys device : devices) {
            bundles.add(bundle(device));
        }
        return new ClaimKeysReply(userId, new KeyLogHead(head.seq(), PublicKey.encode(head.hash())), bundles);
    }

    private PreKeyBundle bundle(DeviceKeys device) {
        Optional<SignedKey> ec = directory.takeOneTimeEc(device.userId(), device.deviceNum());
        Optional<SignedKey> kyber = directory.takeOneTimeKyber(device.userId(), device.deviceNum());
        KeyCounts counts = ec.isEmpty() && kyber.isEmpty()
                ? device.counts()
                : directory.taken(device.userId(), device.deviceNum(), ec.isPresent() ? 1 : 0, kyber.isPresent() ? 1 : 0);
        if (counts.low()) {
            fanOut.sendToDevice(device.userId(), device.deviceId(), ProtocolCodec.instance().event(Actions.KEYS_LOW_EVENT,
                    new KeysLowEvent(counts.ec(), counts.kyber(), Limits.KEYS_LOW_THRESHOLD)));
        }
        // Empty only when the device was revoked since it was read: it is gone, as for a claim a moment later.
        SignedKey kyberKey = kyber.or(() -> directory.lastResort(device.userId(), device.deviceNum())).orElseThrow(
                () -> new FailureException(new Failure.KeysNotFound(device.userId(), device.deviceNum())));
        SignedKey signed = device.signedPreKey();
        return new PreKeyBundle(device.deviceNum(), device.registrationId(), PublicKey.encode(device.identityKey()),
                new SignedPreKeyInfo(signed.keyId(), PublicKey.encode(signed.publicKey()), PublicKey.encode(signed.signature())),
                ec.map(key -> new PreKeyInfo(key.keyId(), PublicKey.encode(key.publicKey()))).orElse(null),
                new KyberPreKeyInfo(kyberKey.keyId(), PublicKey.encode(kyberKey.publicKey()),
                        PublicKey.encode(kyberKey.signature()), kyber.isEmpty()));
    }

    /** What the caller asks for: the {@code claimKeys} action's fields. */
    public record Command(String userId, Integer deviceNum) {
    }
}
