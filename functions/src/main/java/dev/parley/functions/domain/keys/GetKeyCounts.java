package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.Actor;
import dev.parley.model.v1.KeyCountsReply;

/** Use case: how many unclaimed one-time keys of each kind the calling device has (zero before its first publish). */
public final class GetKeyCounts {
    private final KeyDirectory directory;

    public GetKeyCounts(KeyDirectory directory) {
        this.directory = directory;
    }

    public KeyCountsReply count(Actor actor) {
        KeyCounts counts = directory.existingDeviceNum(actor.userId(), actor.deviceId())
                .flatMap(num -> directory.device(actor.userId(), num))
                .map(DeviceKeys::counts)
                .orElse(new KeyCounts(0, 0));
        return new KeyCountsReply(counts.ec(), counts.kyber());
    }
}
