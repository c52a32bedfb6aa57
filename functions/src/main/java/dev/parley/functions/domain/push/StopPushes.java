package dev.parley.functions.domain.push;

import dev.parley.functions.domain.device.PushCleanup;
import dev.parley.functions.log.JsonLogger;

import java.util.Optional;

/**
 * Domain service: a device stops getting pushes. Its registration is removed from its row first,
 * so no push goes out after this returns, then its endpoint is deleted from SNS. A failed delete
 * is logged and leaves an endpoint nothing publishes to; it never fails the caller (unregisterDevice,
 * revokeDevice, signOutEverywhere).
 */
public final class StopPushes implements PushCleanup {
    private static final JsonLogger LOG = JsonLogger.of(StopPushes.class);

    private final PushRegistry registry;
    private final PushEndpoints endpoints;

    public StopPushes(PushRegistry registry, PushEndpoints endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    /** For a revocation: never throws; a failure is logged (the worker skips revoked devices anyway). */
    @Override
    public void stop(String userId, String deviceId) {
        try {
            stopped(userId, deviceId);
        } catch (RuntimeException e) {
            LOG.error("push registration not removed", JsonLogger.fields("userId", userId, "deviceId", deviceId), e);
        }
    }

    /** For signOutEverywhere: never throws, like {@link #stop}. */
    @Override
    public void stopAll(String userId) {
        try {
            for (PushRegistration registration : registry.all(userId)) {
                stop(userId, registration.deviceId());
            }
        } catch (RuntimeException e) {
            LOG.error("push registrations not listed", JsonLogger.fields("userId", userId), e);
        }
    }

    @Override
    public void deleteAll(String userId) {
        for (PushRegistration registration : registry.all(userId)) {
            endpoints.delete(registration.endpointArn());
            registry.remove(userId, registration.deviceId());
        }
    }

    /** @return true when the device had a registration */
    boolean stopped(String userId, String deviceId) {
        Optional<PushRegistration> removed = registry.remove(userId, deviceId);
        removed.ifPresent(registration -> {
            try {
                endpoints.delete(registration.endpointArn());
            } catch (RuntimeException e) {
                LOG.error("push endpoint not deleted", JsonLogger.fields("userId", userId, "deviceId", deviceId), e);
            }
        });
        return removed.isPresent();
    }
}
