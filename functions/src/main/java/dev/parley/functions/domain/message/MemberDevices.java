package dev.parley.functions.domain.message;

import java.util.List;

/**
 * Port: a user's current devices for end-to-end encrypted sends: those with keys in the key directory,
 * which a revocation removes. Read consistently, so a device that just published (or was just revoked)
 * counts at once.
 */
public interface MemberDevices {
    /** A deployment without a key directory: nobody has a device, so no Signal-form send is accepted. */
    MemberDevices NONE = userId -> List.of();

    List<MemberDevice> current(String userId);

    /** A device as libsignal addresses it ({@code userId}, {@code deviceNum}), with its connection-level id. */
    record MemberDevice(String userId, String deviceId, int deviceNum, int registrationId) {
    }
}
