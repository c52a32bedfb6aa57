package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Push registrations in a map, for use case tests; revoked devices are named with {@link #revoke}. */
public final class InMemoryPushRegistry implements PushRegistry {
    private final Map<String, PushRegistration> registrations = new LinkedHashMap<>();
    private final Set<String> revoked = new HashSet<>();

    public synchronized void revoke(String userId, String deviceId) {
        revoked.add(PushRegistration.owner(userId, deviceId));
    }

    @Override
    public synchronized Optional<PushRegistration> find(String userId, String deviceId) {
        return Optional.ofNullable(registrations.get(PushRegistration.owner(userId, deviceId)));
    }

    @Override
    public synchronized void save(PushRegistration registration) {
        registrations.put(PushRegistration.owner(registration.userId(), registration.deviceId()), registration);
    }

    @Override
    public synchronized Optional<PushRegistration> remove(String userId, String deviceId) {
        return Optional.ofNullable(registrations.remove(PushRegistration.owner(userId, deviceId)));
    }

    @Override
    public synchronized boolean removeIfEndpoint(String userId, String deviceId, String endpointArn) {
        PushRegistration known = registrations.get(PushRegistration.owner(userId, deviceId));
        if (known == null || !known.endpointArn().equals(endpointArn)) {
            return false;
        }
        registrations.remove(PushRegistration.owner(userId, deviceId));
        return true;
    }

    @Override
    public synchronized List<PushRegistration> all(String userId) {
        return new ArrayList<>(registrations.values().stream().filter(r -> r.userId().equals(userId)).toList());
    }

    @Override
    public synchronized List<PushRegistration> active(String userId) {
        return all(userId).stream()
                .filter(r -> r.active() && !revoked.contains(PushRegistration.owner(userId, r.deviceId())))
                .toList();
    }

    @Override
    public synchronized boolean markInvalid(String userId, String deviceId, String endpointArn, Instant at) {
        PushRegistration known = registrations.get(PushRegistration.owner(userId, deviceId));
        if (known == null || !known.endpointArn().equals(endpointArn)) {
            return false;
        }
        save(new PushRegistration(userId, deviceId, known.platform(), known.token(), endpointArn, false, at));
        return true;
    }
}
