package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.DevicesChangedEvent;
import dev.parley.model.v1.KeyLogHead;

import java.util.Set;
import java.util.TreeSet;

/**
 * Use case of the presence-queue worker: tells a user's contacts and the user's own devices that
 * the user's devices changed, with the key log's new head. Its cost grows with the user's
 * conversations ({@link Peers}), which is why it runs off the request path.
 */
public final class PublishDevicesChanged {
    private final Peers peers;
    private final FanOut fanOut;

    public PublishDevicesChanged(Peers peers, FanOut fanOut) {
        this.peers = peers;
        this.fanOut = fanOut;
    }

    public DeliveryReport publish(DevicesChanged change) {
        Set<String> audience = new TreeSet<>(peers.of(change.userId()));
        audience.add(change.userId());
        return fanOut.send(audience, null, ProtocolCodec.instance().event(Actions.DEVICES_CHANGED_EVENT,
                new DevicesChangedEvent(change.userId(), new KeyLogHead(change.seq(), change.hash()))));
    }
}
