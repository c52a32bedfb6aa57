package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.store.StoredConversation;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * W11, E2EE one-to-one (issue #15): a direct chat between two users with two devices each, every
 * device running the real SDK (parley-client-signal). {@value #MESSAGES} messages from one device
 * in a plaintext direct chat of the same shape are the baseline. The E2EE side is measured
 * twice: the first message (claimKeys and key logs of both users, one Kyber prekey envelope per
 * device) and, after every device has sent once so every session is acknowledged,
 * {@value #MESSAGES} later messages (Signal "message" envelopes). Every E2EE message must be
 * opened by all three other devices, every plaintext one received by both of the peer's.
 */
final class E2eeWorkload {
    static final int MESSAGES = 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final WebSocketClient sockets;
    private final URI url;
    private final SyncWorkload.Meters meters;
    private final Progress progress;
    private final E2eePhone.Router router = new E2eePhone.Router();

    E2eeWorkload(WebSocketClient sockets, URI url, SyncWorkload.Meters meters, Progress progress) {
        this.sockets = sockets;
        this.url = url;
        this.meters = meters;
        this.progress = progress;
    }

    /** {@code users}: four users nobody else uses (the first two chat in plaintext, the last two end to end). */
    List<OperationResult> run(List<BenchUser> users) throws InterruptedException {
        List<OperationResult> results = new ArrayList<>();
        results.add(plaintext(users.get(0), users.get(1)));
        results.addAll(endToEnd(users.get(2), users.get(3)));
        return results;
    }

    private OperationResult plaintext(BenchUser alice, BenchUser bob) throws InterruptedException {
        progress.say("W11: plaintext baseline, 2 + 2 devices");
        Device alice1 = E2eePhone.plain(sockets, url, alice, "bench-a1", router);
        E2eePhone.plain(sockets, url, alice, "bench-a2", router);
        Device bob1 = E2eePhone.plain(sockets, url, bob, "bench-b1", router);
        Device bob2 = E2eePhone.plain(sockets, url, bob, "bench-b2", router);
        String conversationId = create(alice1, "direct", false, List.of(bob.userId())).conversationId();
        MeterReading before = meters.quietReading();
        long sent = alice1.sentBytes();
        long received = bob1.receivedBytes();
        for (int i = 0; i < MESSAGES; i++) {
            ObjectNode fields = Device.fields().put("conversationId", conversationId)
                    .put("clientMessageId", UUID.randomUUID().toString()).put("text", text(i));
            alice1.request(Actions.SEND_MESSAGE, fields).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        await("both of bob's devices received every plaintext message",
                () -> router.plaintexts(bob1).size() >= MESSAGES && router.plaintexts(bob2).size() >= MESSAGES);
        MeterReading cost = meters.quietReading().since(before);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requestFrameBytes", (alice1.sentBytes() - sent) / (double) MESSAGES);
        figures.put("bytesToEachReceivingDevice", (bob1.receivedBytes() - received) / (double) MESSAGES);
        return new OperationResult("W11 plaintext send", ("%d sends of a 40-character text in a plaintext direct chat,"
                + " 2 devices on each side, one at a time").formatted(MESSAGES), MESSAGES, cost, figures);
    }

    private List<OperationResult> endToEnd(BenchUser carol, BenchUser dave) throws InterruptedException {
        progress.say("W11: 4 devices publish their keys (libsignal)");
        E2eePhone carol1 = E2eePhone.connect(sockets, url, carol, "bench-c1", router);
        E2eePhone carol2 = E2eePhone.connect(sockets, url, carol, "bench-c2", router);
        E2eePhone dave1 = E2eePhone.connect(sockets, url, dave, "bench-d1", router);
        E2eePhone dave2 = E2eePhone.connect(sockets, url, dave, "bench-d2", router);
        List<E2eePhone> others = List.of(carol2, dave1, dave2);
        StoredConversation chat = stored(create(carol1.device, "direct", true, List.of(dave.userId())),
                List.of(carol.userId(), dave.userId()));

        progress.say("W11: the first E2EE message");
        MeterReading before = meters.quietReading();
        long received = dave1.device.receivedBytes();
        carol1.send(chat, "the first " + text(0)).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        awaitShown(others, 1);
        MeterReading firstCost = meters.quietReading().since(before);
        E2eePhone.SentFrame first = carol1.frames.get(carol1.frames.size() - 1);
        Map<String, Double> firstFigures = new LinkedHashMap<>();
        firstFigures.put("requestFrameBytes", (double) first.bytes());
        firstFigures.put("prekeyEnvelopeBytes", average(first, "prekey"));
        firstFigures.put("envelopes", (double) first.envelopes().size());
        firstFigures.put("bytesToEachReceivingDevice", (double) (dave1.device.receivedBytes() - received));

        progress.say("W11: every device answers once, so every session is acknowledged");
        for (E2eePhone speaker : others) {
            speaker.send(chat, "an answer " + text(1)).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        await("every device opened every answer", () -> carol1.shown.size() >= 3
                && others.stream().allMatch(phone -> phone.shown.size() >= 3));

        progress.say("W11: %d later E2EE messages", MESSAGES);
        before = meters.quietReading();
        received = dave1.device.receivedBytes();
        int framesBefore = carol1.frames.size();
        for (int i = 0; i < MESSAGES; i++) {
            carol1.send(chat, text(i)).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        awaitShown(others, 3 + MESSAGES);
        MeterReading laterCost = meters.quietReading().since(before);
        List<E2eePhone.SentFrame> later = carol1.frames.subList(framesBefore, carol1.frames.size());
        Map<String, Double> laterFigures = new LinkedHashMap<>();
        laterFigures.put("requestFrameBytes", later.stream().mapToInt(E2eePhone.SentFrame::bytes).average().orElse(0));
        laterFigures.put("messageEnvelopeBytes", later.stream().mapToDouble(frame -> average(frame, "message")).average().orElse(0));
        laterFigures.put("prekeyEnvelopes", (double) later.stream().mapToLong(frame -> frame.envelopes().stream()
                .filter(e -> e.getKey().equals("prekey")).count()).sum());
        laterFigures.put("bytesToEachReceivingDevice", (dave1.device.receivedBytes() - received) / (double) MESSAGES);
        List<String> failures = new ArrayList<>();
        for (E2eePhone phone : List.of(carol1, carol2, dave1, dave2)) {
            failures.addAll(phone.failed);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("W11: messages did not decrypt: " + failures);
        }
        return List.of(
                new OperationResult("W11 E2EE first message", "the first message of a new E2EE direct chat, 2 devices on each"
                        + " side: claims and key logs of both users, then 3 prekey envelopes (Kyber1024 inside)", 1, firstCost,
                        firstFigures),
                new OperationResult("W11 E2EE later message", ("%d later messages (sessions acknowledged), 3 envelopes each,"
                        + " one at a time").formatted(MESSAGES), MESSAGES, laterCost, laterFigures));
    }

    private void awaitShown(List<E2eePhone> phones, int count) {
        await("every other device opened " + count + " messages", () -> phones.stream().allMatch(phone -> phone.shown.size() >= count)
                || phones.stream().anyMatch(phone -> !phone.failed.isEmpty()));
        phones.forEach(phone -> {
            if (!phone.failed.isEmpty()) {
                throw new IllegalStateException("W11: a device could not open a message: " + phone.failed);
            }
        });
    }

    static ConversationSummary create(Device creator, String kind, boolean e2ee, List<String> others) {
        ObjectNode request = Device.fields().put("kind", kind).put("e2ee", e2ee);
        if ("group".equals(kind)) {
            request.put("title", "Benchmark E2EE group");
        }
        var members = request.putArray("members");
        others.forEach(members::add);
        JsonNode reply = creator.request(Actions.CREATE_CONVERSATION, request).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return ProtocolCodec.instance().mapper().convertValue(reply.path("conversation"), ConversationSummary.class);
    }

    static StoredConversation stored(ConversationSummary summary, List<String> members) {
        return new StoredConversation(summary, List.copyOf(members), 0, 0, false);
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, WAIT);
    }

    static void await(String what, BooleanSupplier condition, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("W11/W12: not within " + wait.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static double average(E2eePhone.SentFrame frame, String type) {
        return frame.envelopes().stream().filter(e -> e.getKey().equals(type)).mapToInt(Map.Entry::getValue).average().orElse(0);
    }

    /** 40 characters, a typical chat line. */
    private static String text(int i) {
        return "%-40s".formatted("benchmark message number " + i).substring(0, 40);
    }
}
