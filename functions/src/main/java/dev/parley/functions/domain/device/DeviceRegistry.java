package dev.parley.functions.domain.device;

import java.time.Instant;
import java.util.List;

/** The devices each user has connected from, and their revocations. */
public interface DeviceRegistry extends RevocationRecords {

    /** Creates the device, or records that it was seen again at {@code at} on {@code platform}. */
    void seen(String userId, String deviceId, String platform, Instant at);

    /** The user's devices, in no particular order; the user-wide revocation is not a device. */
    List<DeviceRecord> list(String userId);

    /** Marks the device revoked at {@code at}; false when the user has no such device. */
    boolean revoke(String userId, String deviceId, Instant at);

    /** Revokes every device of the user, present and future sign-ins before {@code at} alike. */
    void revokeAll(String userId, Instant at);

    /** Deletes every item of the user (devices, settings, presence) except the user-wide revocation; for deleteAccount. */
    void forget(String userId);
}
