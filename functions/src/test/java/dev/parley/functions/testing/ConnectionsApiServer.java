package dev.parley.functions.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for API Gateway's {@code @connections} API on a random loopback port, answering
 * {@code POST /{stage}/@connections/{id}} with scripted failures: the 410s and 429s a test needs at a
 * chosen moment, which neither moto nor the emulator produce on cue. Unscripted posts get 200.
 * {@code DELETE /{stage}/@connections/{id}} (closing a socket) is recorded and scripted the same way.
 */
public final class ConnectionsApiServer implements AutoCloseable {
    public static final String STAGE = "dev";
    private static final String PREFIX = "/" + STAGE + "/@connections/";

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> deletes = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

    /** What a post got: a status and, for errors, the {@code x-amzn-ErrorType} the SDK picks its exception by. */
    public record Answer(int status, String errorType) {
        public static final Answer GONE = new Answer(410, "GoneException");
        public static final Answer THROTTLED = new Answer(429, "LimitExceededException");
        public static final Answer BROKEN = new Answer(500, "InternalServerErrorException");
    }

    /** A post as the server received it. */
    public record Post(String connectionId, String body, int status) {
    }

    public ConnectionsApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The next posts to this connection get these answers, in order; later ones get 200. */
    public void script(String connectionId, Answer... answers) {
        scripts.computeIfAbsent(connectionId, id -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** The stage URL, as APIGW_MANAGEMENT_ENDPOINT gives it. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE);
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The connection ids of every DELETE (close) request, in order, whatever was answered. */
    public List<String> deletes() {
        return List.copyOf(deletes);
    }

    public List<Post> postsTo(String connectionId) {
        return posts.stream().filter(post -> post.connectionId().equals(connectionId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean delete = "DELETE".equals(exchange.getRequestMethod());
        if (!("POST".equals(exchange.getRequestMethod()) || delete) || !path.startsWith(PREFIX)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String connectionId = path.substring(PREFIX.length());
        Deque<Answer> script = scripts.get(connectionId);
        Answer answer = script == null ? null : script.pollFirst();
        if (delete) {
            deletes.add(connectionId);
        } else {
            posts.add(new Post(connectionId, body, answer == null ? 200 : answer.status()));
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + (posts.size() + deletes.size()));
        if (answer == null) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            byte[] error = ("{\"message\":\"" + answer.errorType() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), error.length);
            exchange.getResponseBody().write(error);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
