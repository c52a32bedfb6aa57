package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the push attributes of the devices' rows (the devices table). */
public interface PushRegistry {

    /** The device's registration, read strongly consistent; empty when it has none. */
    Optional<PushRegistration> find(String userId, String deviceId);

    /** Records the registration on the device's row, active. */
    void save(PushRegistration registration);

    /** Removes the device's registration and returns what it was; empty when it had none. */
    Optional<PushRegistration> remove(String userId, String deviceId);

    /** Removes the registration only while it still points at {@code endpointArn}; false otherwise. */
    boolean removeIfEndpoint(String userId, String deviceId, String endpointArn);

    /** Every registration of the user, active or not. */
    List<PushRegistration> all(String userId);

    /** The user's active registrations of devices that are not revoked: the ones pushes go to. */
    List<PushRegistration> active(String userId);

    /** Marks the registration invalid, only while it still points at {@code endpointArn}; false otherwise. */
    boolean markInvalid(String userId, String deviceId, String endpointArn, Instant at);
}
