package dev.parley.functions.domain.delivery;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Domain service: sends an event to every live device of a set of users, except the connection
 * that caused it (that one gets the route response instead). The sender's other devices are
 * ordinary recipients.
 *
 * <p>{@link #lookUp} starts reading the connections before the event exists, so the send path
 * can read them while it stores the message: one sequential round trip instead of two.
 *
 * <p>Delivery never fails the request that caused it: that request's change is already stored,
 * and devices catch up through sync. A lookup that fails is logged and reported as failed.
 */
public final class FanOut {
    private static final JsonLogger LOG = JsonLogger.of(FanOut.class);
    /** Each lookup is one blocking read that mostly waits on the network: a virtual thread fits it. */
    private static final ExecutorService LOOKUPS = Executors.newVirtualThreadPerTaskExecutor();

    private final LiveConnections liveConnections;
    private final EventPublisher publisher;
    private final Metrics metrics;

    public FanOut(LiveConnections liveConnections, EventPublisher publisher) {
        this(liveConnections, publisher, Metrics.NONE);
    }

    /** @param metrics where each fan-out's accepted posts (Deliveries) and 410s (GoneConnections) are counted */
    public FanOut(LiveConnections liveConnections, EventPublisher publisher, Metrics metrics) {
        this.liveConnections = liveConnections;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Looks up the users' connections and posts the event to all but {@code exceptConnectionId} (may be null). */
    public DeliveryReport send(Collection<String> userIds, String exceptConnectionId, Frame.Event event) {
        return lookUp(userIds, exceptConnectionId).send(event);
    }

    /** Posts the event to one device's live connections only (for example, a device to refill its keys). */
    public DeliveryReport sendToDevice(String userId, String deviceId, Frame.Event event) {
        List<Recipient> live = liveConnections.of(Set.of(userId)).stream()
                .filter(recipient -> recipient.deviceId().equals(deviceId))
                .toList();
        return deliver(live, null, event);
    }

    /** Starts looking up the users' connections in the background; {@link Pending#send} posts once the event is known. */
    public Pending lookUp(Collection<String> userIds, String exceptConnectionId) {
        Set<String> users = Set.copyOf(userIds);
        return new Pending(users, exceptConnectionId, CompletableFuture.supplyAsync(
                () -> new LiveConnections.Reach(liveConnections.of(users), List.of()), LOOKUPS));
    }

    /**
     * {@link #lookUp}, also reading the users' push registrations in the same batched reads
     * ({@link LiveConnections#withPushTargets}); {@link Pending#offlineTargets} then tells who needs a push.
     */
    public Pending lookUpWithPushTargets(Collection<String> userIds, String exceptConnectionId) {
        Set<String> users = Set.copyOf(userIds);
        return new Pending(users, exceptConnectionId,
                CompletableFuture.supplyAsync(() -> liveConnections.withPushTargets(users), LOOKUPS));
    }

    /** Posts an encoded frame to these sockets, counted like every fan-out's posts (a large conversation's worker knows its sockets). */
    public DeliveryReport post(List<Recipient> to, String frameJson) {
        if (to.isEmpty()) {
            return DeliveryReport.none();
        }
        DeliveryReport report = publisher.publish(to, frameJson);
        if (report.delivered() > 0) {
            metrics.record(Metrics.Metric.DELIVERIES, report.delivered());
        }
        if (report.gone() > 0) {
            metrics.record(Metrics.Metric.GONE_CONNECTIONS, report.gone());
        }
        return report;
    }

    /**
     * Posts each socket the frame {@code frameFor} gives it, none when it gives nothing: the sockets that share a
     * frame in one {@link #post}, the different frames in parallel (a pairwise message's devices each have their own).
     */
    public DeliveryReport postEach(List<Recipient> to, Function<Recipient, Optional<String>> frameFor) {
        Map<String, List<Recipient>> byFrame = new LinkedHashMap<>();
        for (Recipient recipient : to) {
            frameFor.apply(recipient).ifPresent(frame -> byFrame.computeIfAbsent(frame, f -> new ArrayList<>()).add(recipient));
        }
        if (byFrame.size() <= 1) {
            return byFrame.entrySet().stream().findFirst().map(only -> post(only.getValue(), only.getKey()))
                    .orElse(DeliveryReport.none());
        }
        List<CompletableFuture<DeliveryReport>> posts = byFrame.entrySet().stream()
                .map(frame -> CompletableFuture.supplyAsync(() -> post(frame.getValue(), frame.getKey()), LOOKUPS))
                .toList();
        return DeliveryReport.sum(posts.stream().map(CompletableFuture::join).toList());
    }

    private DeliveryReport deliver(List<Recipient> live, String exceptConnectionId, Frame.Event event) {
        List<Recipient> to = live.stream()
                .filter(recipient -> !recipient.connectionId().equals(exceptConnectionId))
                .toList();
        if (to.isEmpty()) {
            return DeliveryReport.none();
        }
        DeliveryReport report = publisher.publish(to, ProtocolCodec.instance().encode(event));
        if (report.delivered() > 0) {
            metrics.record(Metrics.Metric.DELIVERIES, report.delivered());
        }
        if (report.gone() > 0) {
            metrics.record(Metrics.Metric.GONE_CONNECTIONS, report.gone());
        }
        return report;
    }

    /** A lookup under way for a fixed set of users. */
    public final class Pending {
        private final Set<String> userIds;
        private final String exceptConnectionId;
        private final CompletableFuture<LiveConnections.Reach> reach;
        private final CompletableFuture<List<Recipient>> recipients;

        private Pending(Set<String> userIds, String exceptConnectionId, CompletableFuture<LiveConnections.Reach> reach) {
            this.userIds = userIds;
            this.exceptConnectionId = exceptConnectionId;
            this.reach = reach;
            this.recipients = reach.thenApply(LiveConnections.Reach::live);
        }

        /** True when this lookup reads exactly these users, so it can serve a send to them. */
        public boolean covers(Collection<String> users) {
            return userIds.equals(Set.copyOf(users));
        }

        /**
         * Waits for the lookup: the registered devices that had no live connection (the excepted
         * connection's device counts as live). Empty without a push lookup, and when the lookup
         * failed: then nobody is pushed, and devices catch up through sync.
         */
        public List<PushTarget> offlineTargets() {
            LiveConnections.Reach found;
            try {
                found = reach.join();
            } catch (CompletionException e) {
                return List.of();
            }
            Set<String> live = found.live().stream()
                    .map(recipient -> recipient.userId() + "/" + recipient.deviceId())
                    .collect(Collectors.toSet());
            return found.registered().stream()
                    .filter(target -> !live.contains(target.userId() + "/" + target.deviceId()))
                    .toList();
        }

        /**
         * Waits for the lookup, then posts the event to {@code userId}'s live devices only (the
         * excepted connection still excepted). Nothing when the lookup failed.
         */
        public DeliveryReport sendTo(String userId, Frame.Event event) {
            List<Recipient> live;
            try {
                live = recipients.join();
            } catch (CompletionException e) {
                return DeliveryReport.none();
            }
            return deliver(live.stream().filter(recipient -> recipient.userId().equals(userId)).toList(), exceptConnectionId, event);
        }

        /** Waits for the lookup: whether {@code userId} has a live device besides the excepted connection. */
        public boolean hasOtherLiveDevice(String userId) {
            try {
                return recipients.join().stream().anyMatch(recipient -> recipient.userId().equals(userId)
                        && !recipient.connectionId().equals(exceptConnectionId));
            } catch (CompletionException e) {
                return false;
            }
        }

        /**
         * Waits for the lookup, then posts each device its own event ({@code eventFor} is called once per live
         * device): one post per connection, as {@link #send} makes, with the device's own body; the devices'
         * posts run in parallel, so delivery takes one round trip as with {@link #send}.
         */
        public DeliveryReport sendEach(Function<Recipient, Frame.Event> eventFor) {
            List<Recipient> live;
            try {
                live = recipients.join();
            } catch (CompletionException e) {
                LOG.error("connections not read, events not delivered",
                        JsonLogger.fields("users", userIds.size()), e.getCause());
                return new DeliveryReport(0, 0, userIds.size());
            }
            Map<String, List<Recipient>> byDevice = live.stream()
                    .collect(Collectors.groupingBy(recipient -> recipient.userId() + "/" + recipient.deviceId()));
            List<CompletableFuture<DeliveryReport>> posts = byDevice.values().stream()
                    .map(device -> CompletableFuture.supplyAsync(
                            () -> deliver(device, exceptConnectionId, eventFor.apply(device.getFirst())), LOOKUPS))
                    .toList();
            return DeliveryReport.sum(posts.stream().map(CompletableFuture::join).toList());
        }

        /** Waits for the lookup, then posts the event. */
        public DeliveryReport send(Frame.Event event) {
            List<Recipient> live;
            try {
                live = recipients.join();
            } catch (CompletionException e) {
                LOG.error("connections not read, event not delivered",
                        JsonLogger.fields("event", event.type(), "users", userIds.size()), e.getCause());
                return new DeliveryReport(0, 0, userIds.size());
            }
            return deliver(live, exceptConnectionId, event);
        }
    }
}
