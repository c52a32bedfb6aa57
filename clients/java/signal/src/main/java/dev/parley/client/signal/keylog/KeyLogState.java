package dev.parley.client.signal.keylog;

import java.util.List;
import java.util.Optional;

/**
 * What a device remembers of a user's key log once verified: the newest (seq, hash), and each
 * device's newest key as the log states it.
 */
public record KeyLogState(long seq, String hash, List<DeviceKey> devices) {
    public record DeviceKey(int deviceNum, int registrationId, String identityKey, boolean revoked) {
    }

    public Optional<DeviceKey> device(int deviceNum) {
        return devices.stream().filter(device -> device.deviceNum() == deviceNum).findFirst();
    }
}
