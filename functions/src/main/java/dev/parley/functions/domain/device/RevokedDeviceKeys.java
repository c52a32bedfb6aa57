package dev.parley.functions.domain.device;

/** Port: what the key directory does when a device is revoked, so nobody can start a session with it any more. */
public interface RevokedDeviceKeys {

    /** No key directory in this function. */
    RevokedDeviceKeys NONE = (userId, deviceId) -> { };

    void remove(String userId, String deviceId);
}
