package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.auth.CognitoAuth;
import dev.parley.model.ProtocolCodec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A user on the web client, at the wire: a socket opened with {@code platform=web} and the
 * frames clients/web sends (typing.js: {@code typing}/{@code stopped}; its outbox:
 * {@code sendMessage} with a fresh clientMessageId; reads.js: one {@code markRead} for the newest
 * seq). Nothing of the Java SDK is used, so the CLI is checked against the protocol as the web
 * client speaks it, not against itself.
 */
final class WebProtocolPeer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final WebSocket socket;
    private volatile boolean open;

    WebProtocolPeer(OkHttpClient http, Target target, String username) throws Exception {
        String token = new CognitoAuth(http, target.cognitoEndpoint(), target.clientId())
                .signIn(username, target.demoPasswords().get(username), () -> null).accessToken();
        String url = target.webSocketUrl() + "?token=" + token + "&deviceId=web-" + UUID.randomUUID().toString().substring(0, 8)
                + "&platform=web";
        socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                open = true;
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    frames.add(ProtocolCodec.instance().mapper().readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable frame " + text, e);
                }
            }
        });
        await().atMost(WAIT).until(() -> open);
    }

    /** Sends the action and returns its reply (failing on an error frame). */
    JsonNode request(String action, Map<String, Object> fields) {
        String requestId = "w" + requestIds.incrementAndGet();
        ObjectNode frame = ProtocolCodec.instance().mapper().valueToTree(fields);
        frame.put("action", action).put("requestId", requestId);
        socket.send(frame.toString());
        await().atMost(WAIT).until(() -> frames.stream().anyMatch(f -> requestId.equals(f.path("requestId").asText())));
        JsonNode answer = frames.stream().filter(f -> requestId.equals(f.path("requestId").asText())).findFirst().orElseThrow();
        if (!"reply".equals(answer.path("type").asText())) {
            throw new AssertionError(action + " refused: " + answer);
        }
        return answer;
    }

    /** Waits for an event of the type that passes the test, and returns it. */
    JsonNode awaitEvent(String type, java.util.function.Predicate<JsonNode> test) {
        await().atMost(WAIT).until(() -> frames.stream().anyMatch(f -> type.equals(f.path("type").asText()) && test.test(f)));
        return frames.stream().filter(f -> type.equals(f.path("type").asText()) && test.test(f)).findFirst().orElseThrow();
    }

    int indexOf(JsonNode frame) {
        return frames.indexOf(frame);
    }

    @Override
    public void close() {
        socket.close(1000, "done");
    }
}
