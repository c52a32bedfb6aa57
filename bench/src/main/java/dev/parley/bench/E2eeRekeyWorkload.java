package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationSummary;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W12, re-keying an E2EE group (issue #15): a group of {@code members} users with one device each,
 * all on the real SDK. One sender's first group send distributes its sender key (claims, pairwise
 * envelopes in partial batches, then the group ciphertext); then one member is removed and the
 * sender's next send distributes a NEW sender key to the remaining devices before its ciphertext:
 * the re-key, measured (time from the send to its reply, distribution frames, counted cost). Past 64
 * members the group is large (created small, then grown with addMembers): every receiving device views it,
 * since a large group's messages reach live only viewing sockets, and the distribution goes in partial
 * batches, each posted only to the devices it addresses.
 */
final class E2eeRekeyWorkload {
    private static final Duration WAIT = Duration.ofSeconds(300);
    /** A first send to a thousand members claims each one's keys first: minutes on a loaded machine. */
    private static final Duration FIRST_SEND_WAIT = Duration.ofMinutes(30);
    /** Devices connecting and publishing their keys at once. */
    private static final int PUBLISHING = 8;
    /** Views sent at once. */
    private static final int VIEWING = 16;

    private final WebSocketClient sockets;
    private final URI url;
    private final SyncWorkload.Meters meters;
    private final Progress progress;
    private final E2eePhone.Router router = new E2eePhone.Router();

    E2eeRekeyWorkload(WebSocketClient sockets, URI url, SyncWorkload.Meters meters, Progress progress) {
        this.sockets = sockets;
        this.url = url;
        this.meters = meters;
        this.progress = progress;
    }

    /** {@code users}: the group's members, nobody else's; the first sends. */
    List<OperationResult> run(List<BenchUser> users) throws InterruptedException {
        List<E2eePhone> phones = connectAll(users);
        E2eePhone sender = phones.get(0);
        List<String> memberIds = users.stream().map(BenchUser::userId).toList();
        var summary = group(sender, memberIds);
        StoredConversation group = E2eeWorkload.stored(summary, memberIds);
        List<E2eePhone> receivers = phones.subList(1, phones.size());
        boolean large = ConversationSummary.LARGE.equals(summary.tier());
        if (large) {
            view(receivers, summary.conversationId());
        }

        progress.say("W12: the first group send of %d members (sender key to %d devices)", users.size(), users.size() - 1);
        MeterReading before = meters.quietReading();
        Map<String, Double> firstFigures = measuredSend(sender, group, "the first group message", FIRST_SEND_WAIT,
                large ? receivers : List.of(), receivers, 1);
        MeterReading firstCost = meters.quietReading().since(before);

        progress.say("W12: one member removed; the sender re-keys on its next send");
        E2eePhone removed = phones.get(phones.size() - 1);
        sender.device.request(Actions.REMOVE_MEMBERS, Device.fields().put("conversationId", summary.conversationId())
                .set("userIds", Device.fields().arrayNode().add(removed.userId()))).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        // The remover's own connection gets no conversation event (docs/protocol.md#removemembers): the SDK replaces
        // the sender key because a holder is no longer among the members it sends to.
        List<String> remaining = memberIds.subList(0, memberIds.size() - 1);
        StoredConversation after = E2eeWorkload.stored(summary, remaining);
        List<E2eePhone> stillIn = phones.subList(1, phones.size() - 1);
        if (large) {
            view(stillIn, summary.conversationId());
        }
        before = meters.quietReading();
        Map<String, Double> rekeyFigures = measuredSend(sender, after, "the first message under the new sender key", WAIT,
                large ? stillIn : List.of(), stillIn, 2);
        MeterReading rekeyCost = meters.quietReading().since(before);
        return List.of(
                new OperationResult("W12 E2EE group first send", ("the first send of one member of a %d-member E2EE group"
                        + " (1 device each): claims, sender-key distribution, the group ciphertext").formatted(users.size()), 1,
                        firstCost, firstFigures),
                new OperationResult("W12 E2EE group re-key", ("after a removal, the sender's next send: a new sender key to"
                        + " the %d remaining devices, then the group ciphertext").formatted(remaining.size() - 1), 1,
                        rekeyCost, rekeyFigures));
    }

    /**
     * One measured send: its figures (time to the reply, what the sender sent), once every receiver opened
     * {@code shown} messages. The sender's claims of a thousand members outlast a view (5 minutes at most), so
     * the {@code viewers} refresh theirs meanwhile, as an app keeping the group open does; counted in the cost.
     */
    private static Map<String, Double> measuredSend(E2eePhone sender, StoredConversation to, String text, Duration wait,
                                                    List<E2eePhone> viewers, List<E2eePhone> receivers, int shown) {
        int frames = sender.frames.size();
        long start = System.nanoTime();
        try (ViewRefresher refresher = new ViewRefresher(viewers, to.conversationId())) {
            sender.send(to, text).orTimeout(wait.toSeconds(), TimeUnit.SECONDS).join();
            Map<String, Double> figures = figures(sender, frames, (System.nanoTime() - start) / 1e6, receivers.size());
            awaitShown(receivers, shown);
            figures.put("viewRefreshes", (double) refresher.refreshes());
            return figures;
        }
    }

    /**
     * Connects a device of each user and publishes its keys, {@link #PUBLISHING} at once: one after the other,
     * a thousand took 9 to 12 minutes, the server's key writes waiting on each device's round trips. Meanwhile
     * the sockets quiet for 5 minutes ping (a data frame resets API Gateway's 10-minute idle clock).
     */
    private List<E2eePhone> connectAll(List<BenchUser> users) throws InterruptedException {
        Map<E2eePhone, Long> lastSpoke = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHING);
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        pinger.scheduleWithFixedDelay(() -> keepAlive(lastSpoke), 1, 1, TimeUnit.MINUTES);
        try {
            List<Future<E2eePhone>> connecting = users.stream().map(user -> pool.submit(() -> {
                E2eePhone phone = E2eePhone.connect(sockets, url, user, "bench-g", router);
                lastSpoke.put(phone, System.nanoTime());
                int count = done.incrementAndGet();
                if (count % 50 == 0 || count == users.size()) {
                    progress.say("W12: %d/%d devices published their keys", count, users.size());
                }
                return phone;
            })).toList();
            List<E2eePhone> phones = new ArrayList<>();
            for (Future<E2eePhone> phone : connecting) {
                phones.add(phone.get());
            }
            return phones;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("W12: a device could not connect or publish its keys: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pinger.shutdownNow();
        }
    }

    private static void keepAlive(Map<E2eePhone, Long> lastSpoke) {
        long now = System.nanoTime();
        lastSpoke.forEach((phone, at) -> {
            if (now - at > TimeUnit.MINUTES.toNanos(5)) {
                phone.device.request(Actions.PING, Device.fields());
                lastSpoke.put(phone, now);
            }
        });
    }

    /** Views the group again every 4 minutes from each receiver, within the longest view, until closed. */
    private static final class ViewRefresher implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger refreshes = new AtomicInteger();

        ViewRefresher(List<E2eePhone> viewers, String conversationId) {
            if (!viewers.isEmpty()) {
                timer.scheduleAtFixedRate(() -> {
                    viewAll(viewers, conversationId);
                    refreshes.addAndGet(viewers.size());
                }, 4, 4, TimeUnit.MINUTES);
            }
        }

        int refreshes() {
            return refreshes.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static ObjectNode viewing(String conversationId) {
        return Device.fields().put("conversationId", conversationId).put("ttlSeconds", Limits.VIEW_MAX_TTL_SECONDS);
    }

    /**
     * The group of every member: created with as many as a small group holds, the rest added in requests of
     * {@link Limits#MAX_ADD_MEMBERS}, which makes a group past {@link Limits#MAX_MEMBERS} large.
     */
    private ConversationSummary group(E2eePhone creator, List<String> memberIds) {
        List<String> others = memberIds.subList(1, memberIds.size());
        int first = Math.min(others.size(), Limits.MAX_MEMBERS - 1);
        ConversationSummary summary = E2eeWorkload.create(creator.device, "group", true, others.subList(0, first));
        for (int from = first; from < others.size(); from += Limits.MAX_ADD_MEMBERS) {
            ObjectNode request = Device.fields().put("conversationId", summary.conversationId());
            others.subList(from, Math.min(others.size(), from + Limits.MAX_ADD_MEMBERS)).forEach(request.putArray("userIds")::add);
            JsonNode reply = creator.device.request(Actions.ADD_MEMBERS, request).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            summary = ProtocolCodec.instance().mapper().convertValue(reply.path("conversation"), ConversationSummary.class);
        }
        progress.say("W12: a %s E2EE group of %d members", summary.tier(), summary.memberCount());
        return summary;
    }

    /**
     * A large group's messages reach live only the sockets that view it (docs/protocol.md#tiers): every receiving
     * device views it for the longest view, so each proves receipt by opening the messages it is sent live.
     */
    private void view(List<E2eePhone> phones, String conversationId) {
        viewAll(phones, conversationId);
        progress.say("W12: %d devices view the group", phones.size());
    }

    /**
     * {@link #VIEWING} views at a time: 999 sent together kept the function busy past API Gateway's 29 s on the
     * local cloud, and a request the gateway gave up on gets no reply.
     */
    private static void viewAll(List<E2eePhone> phones, String conversationId) {
        for (int from = 0; from < phones.size(); from += VIEWING) {
            phones.subList(from, Math.min(phones.size(), from + VIEWING)).stream()
                    .map(phone -> phone.device.request(Actions.VIEW_CONVERSATION, viewing(conversationId)))
                    .toList()
                    .forEach(view -> view.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        }
    }

    private static Map<String, Double> figures(E2eePhone sender, int framesBefore, double ms, int devices) {
        List<E2eePhone.SentFrame> sent = sender.frames.subList(framesBefore, sender.frames.size());
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("sendToReplyMs", ms);
        figures.put("recipientDevices", (double) devices);
        figures.put("distributionFrames", (double) sent.stream().filter(frame -> !frame.envelopes().isEmpty()).count());
        figures.put("distributionEnvelopes", (double) sent.stream().mapToInt(frame -> frame.envelopes().size()).sum());
        figures.put("frameBytesTotal", (double) sent.stream().mapToInt(E2eePhone.SentFrame::bytes).sum());
        // Members that never wrote to the sender pairwise leave its sessions unacknowledged: prekey envelopes, Kyber inside.
        figures.put("prekeyEnvelopes", (double) sent.stream().mapToLong(frame -> frame.envelopes().stream()
                .filter(e -> e.getKey().equals("prekey")).count()).sum());
        return figures;
    }

    private static void awaitShown(List<E2eePhone> phones, int count) {
        E2eeWorkload.await("every member device opened " + count + " group messages",
                () -> phones.stream().allMatch(phone -> phone.shown.size() >= count)
                        || phones.stream().anyMatch(phone -> !phone.failed.isEmpty()), WAIT);
        phones.forEach(phone -> {
            if (!phone.failed.isEmpty()) {
                throw new IllegalStateException("W12: a member device could not open a group message: " + phone.failed);
            }
        });
    }
}
