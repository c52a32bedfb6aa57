package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.device.RevokedDeviceKeys;

import java.time.Clock;
import java.util.Optional;

/**
 * Domain service of revokeDevice: the revoked device's keys leave the directory (nobody can claim
 * them or start a session with it), "revoked" is appended to the user's key log, and the user's
 * contacts and other devices hear of it. A device that never published keys changes nothing.
 */
public final class RemoveRevokedKeys implements RevokedDeviceKeys {
    private static final int ATTEMPTS = 5;

    private final KeyDirectory directory;
    private final KeyLog log;
    private final DeviceChanges changes;
    private final Clock clock;

    public RemoveRevokedKeys(KeyDirectory directory, KeyLog log, DeviceChanges changes, Clock clock) {
        this.directory = directory;
        this.log = log;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public void remove(String userId, String deviceId) {
        Optional<Integer> deviceNum = directory.existingDeviceNum(userId, deviceId);
        if (deviceNum.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<DeviceKeys> device = directory.device(userId, deviceNum.get());
            if (device.isEmpty()) {
                directory.dropOneTimeKeys(userId, deviceNum.get());
                return;
            }
            KeyLogEntry entry = KeyLogEntry.after(log.head(userId).orElse(null), deviceNum.get(),
                    device.get().registrationId(), device.get().identityKey(), KeyLogEntry.Change.REVOKED, clock.instant());
            if (directory.remove(device.get(), entry)) {
                directory.dropOneTimeKeys(userId, deviceNum.get());
                changes.announceOrLog(DevicesChanged.of(userId, entry));
                return;
            }
        }
        throw new FailureException(new Failure.Unavailable("key log"));
    }
}
