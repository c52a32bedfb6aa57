package dev.parley.functions.domain.keys;

import java.util.List;
import java.util.Optional;

/**
 * Port: the key directory, one entry per device that published keys, its one-time keys, its
 * Kyber last-resort key, and the number allocated to each (user, deviceId). Layout and costs:
 * {@code DynamoDbKeyDirectory}.
 */
public interface KeyDirectory {

    /** The number this device had, or a new one from the user's counter: never reused for the user. */
    int deviceNum(String userId, String deviceId);

    /** The number allocated to this device before, if any; allocates nothing. */
    Optional<Integer> existingDeviceNum(String userId, String deviceId);

    Optional<DeviceKeys> device(String userId, int deviceNum);

    /** Every device of the user with keys in the directory, by number. */
    List<DeviceKeys> devices(String userId);

    /**
     * Stores a device's keys (its one-time counters at zero) and appends {@code entry} to the
     * user's log, both or neither. False, storing nothing, when the device's registrationId is no
     * longer {@code replacedRegistrationId} (null: the device had no keys) or the log has an entry
     * at {@code entry.seq()} already: a concurrent change won, read again and retry.
     */
    boolean install(DeviceKeys device, SignedKey lastResort, Integer replacedRegistrationId, KeyLogEntry entry);

    /** Replaces the signed prekey and/or the Kyber last-resort key (null: keep) of a device with keys. */
    void replaceSignedKeys(String userId, int deviceNum, SignedKey signedPreKey, SignedKey lastResort);

    /** Adds one-time keys (a key id already there is overwritten) and returns the counts recounted. */
    KeyCounts addOneTimeKeys(String userId, int deviceNum, List<SignedKey> ec, List<SignedKey> kyber);

    /** Deletes every one-time key of the device (a reinstall, a revocation). */
    void dropOneTimeKeys(String userId, int deviceNum);

    /** Takes one one-time EC key out of the directory: under concurrent takes, each key goes to exactly one caller. */
    Optional<SignedKey> takeOneTimeEc(String userId, int deviceNum);

    /** As {@link #takeOneTimeEc}, for one-time Kyber keys. */
    Optional<SignedKey> takeOneTimeKyber(String userId, int deviceNum);

    /** Counts {@code ec} and {@code kyber} keys taken off the device's counters; the counts after. */
    KeyCounts taken(String userId, int deviceNum, int ec, int kyber);

    /** The device's Kyber last-resort key; empty once the device was revoked. */
    Optional<SignedKey> lastResort(String userId, int deviceNum);

    /** Removes the device's entry and last-resort key and appends {@code entry}, both or neither; false as for {@link #install}. */
    boolean remove(DeviceKeys device, KeyLogEntry entry);
}
