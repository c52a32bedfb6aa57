package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.v1.Actions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * W5: does push work slow the send path? One sender sends a burst of {@code burst} messages, one
 * at a time, to a user whose only device is offline with an FCM registration (every message is a
 * push due: it is queued for the push worker), then the same burst to an offline user without a
 * registration (no push due). Reported: the sender's reply latency (p50, p95) for both, the pushes
 * moto's SNS received for the registered device (exactly one per message is expected), and what
 * each burst used, the push worker's calls included.
 */
final class PushWorkload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_SECONDS = 60;

    private final Fleet fleet;
    private final SyncWorkload.Meters meters;
    private final URI pushesUrl;
    private final Progress progress;

    PushWorkload(Fleet fleet, SyncWorkload.Meters meters, URI pushesUrl, Progress progress) {
        this.fleet = fleet;
        this.meters = meters;
        this.pushesUrl = pushesUrl;
        this.progress = progress;
    }

    /** {@code sender} stays connected; {@code registered} and {@code unregistered} are connected now and closed here. */
    List<OperationResult> run(Device sender, Device registered, Device unregistered, int burst) throws Exception {
        String token = "bench-fcm-" + UUID.randomUUID();
        registered.request(Actions.REGISTER_DEVICE, Device.fields().put("platform", "FCM").put("token", token))
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        List<ChatRoom> rooms = fleet.directConversations("W5", List.of(List.of(sender, registered), List.of(sender, unregistered)));
        fleet.close(List.of(registered, unregistered));

        List<OperationResult> results = new ArrayList<>();
        results.add(burst("W5 push due", "%d sends, one at a time, to an offline device registered for FCM".formatted(burst),
                sender, rooms.get(0), burst, token));
        results.add(burst("W5 no push", "%d sends, one at a time, to an offline device without registration".formatted(burst),
                sender, rooms.get(1), burst, null));
        return results;
    }

    private OperationResult burst(String name, String description, Device sender, ChatRoom room, int burst, String token)
            throws Exception {
        MeterReading before = meters.quietReading();
        List<Double> latencies = new ArrayList<>();
        try (AutoCloseable ticker = progress.every2Seconds(() -> "%s: %d/%d sent".formatted(name, latencies.size(), burst))) {
            for (int i = 0; i < burst; i++) {
                ObjectNode fields = Device.fields().put("conversationId", room.conversationId())
                        .put("clientMessageId", "w5-" + UUID.randomUUID()).put("text", "push benchmark " + i);
                long start = System.nanoTime();
                JsonNode reply = sender.request(Actions.SEND_MESSAGE, fields).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
                latencies.add((System.nanoTime() - start) / 1e6);
                if (!reply.has("seq")) {
                    throw new IllegalStateException(name + ": a send was not stored: " + reply);
                }
            }
        }
        MeterReading cost = meters.quietReading().since(before);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("replyP50Ms", Latency.percentile(latencies, 50));
        figures.put("replyP95Ms", Latency.percentile(latencies, 95));
        if (token != null) {
            figures.put("pushesReceived", (double) pushesTo(token));
        }
        return new OperationResult(name, description, burst, cost, figures);
    }

    /** What moto's SNS delivered to the endpoint holding {@code token}. */
    private int pushesTo(String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(pushesUrl).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            int count = 0;
            for (JsonNode endpoint : JSON.readTree(body)) {
                if (token.equals(endpoint.path("token").asText())) {
                    count += endpoint.path("messages").size();
                }
            }
            return count;
        }
    }
}
