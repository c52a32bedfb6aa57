package dev.parley.functions.domain.push;

import dev.parley.functions.domain.Actor;
import dev.parley.model.v1.UnregisterDeviceReply;

/** Use case (unregisterDevice): the calling device gets no more pushes; its endpoint is deleted. */
public final class UnregisterFromPush {
    private final StopPushes stopPushes;

    public UnregisterFromPush(StopPushes stopPushes) {
        this.stopPushes = stopPushes;
    }

    public UnregisterDeviceReply unregister(Actor actor) {
        return new UnregisterDeviceReply(actor.deviceId(), stopPushes.stopped(actor.userId(), actor.deviceId()));
    }
}
