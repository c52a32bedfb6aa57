package dev.parley.functions.domain.device;

import java.time.Clock;

/** Use case: a device connected; remember it, its platform and when it was last seen. */
public final class RegisterDevice {
    private final DeviceRegistry devices;
    private final Clock clock;

    public RegisterDevice(DeviceRegistry devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** @param platform as the client named it on connect, or null; normalized by {@link DeviceRecord#platformOf} */
    public void register(String userId, String deviceId, String platform) {
        devices.seen(userId, deviceId, DeviceRecord.platformOf(platform), clock.instant());
    }
}
