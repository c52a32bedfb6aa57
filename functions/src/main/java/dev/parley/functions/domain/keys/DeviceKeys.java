package dev.parley.functions.domain.keys;

/**
 * A device's entry in the key directory (the one-time keys and the Kyber last-resort key are
 * stored apart: see {@link KeyDirectory}).
 *
 * @param deviceNum libsignal's device id: allocated once per (user, deviceId), never reused
 * @param counts    the unclaimed one-time keys, kept as counters beside the keys
 */
public record DeviceKeys(String userId, String deviceId, int deviceNum, int registrationId, byte[] identityKey,
                         SignedKey signedPreKey, KeyCounts counts) {
}
