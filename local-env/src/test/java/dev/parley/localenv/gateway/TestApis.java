package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import dev.parley.localenv.gateway.testfunctions.ScriptedFunction;
import dev.parley.localenv.gateway.testfunctions.TestAuthorizer;
import dev.parley.localenv.gateway.testfunctions.TypedFunction;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** API definitions the fidelity tests serve, all backed by the test functions. */
final class TestApis {
    static final Duration WAIT = Duration.ofSeconds(10);

    private TestApis() {
    }

    /** A fresh recorder name, so that test classes never see each other's events. */
    static String recorderName() {
        return "recorder-" + UUID.randomUUID();
    }

    static FunctionDefinition scripted(String logicalId, String recorder) {
        return new FunctionDefinition(logicalId, ScriptedFunction.class.getName(), Map.of("RECORDER", recorder));
    }

    /**
     * $connect, $disconnect and $default (with a route response) on the scripted function, a custom
     * route {@code echo} (with a route response), {@code silent} (without), {@code typed} (a typed
     * function, with a route response), and optionally the test authorizer on {@code token}.
     */
    static ApiDefinition full(String recorder, boolean withAuthorizer) {
        return full(recorder, withAuthorizer
                ? Optional.of(new FunctionDefinition("TestAuthorizer", TestAuthorizer.class.getName(), Map.of("RECORDER", recorder)))
                : Optional.empty());
    }

    /** {@link #full(String, boolean)} with this function as the authorizer on {@code token}. */
    static ApiDefinition full(String recorder, Optional<FunctionDefinition> authorizerFunction) {
        FunctionDefinition scripted = scripted("ScriptedFunction", recorder);
        FunctionDefinition typed = new FunctionDefinition("TypedFunction", TypedFunction.class.getName() + "::handleRequest",
                Map.of("GREETING", "hello"));
        Map<String, RouteDefinition> routes = new HashMap<>();
        for (String key : List.of(ApiDefinition.CONNECT, ApiDefinition.DISCONNECT)) {
            routes.put(key, new RouteDefinition(key, scripted, false));
        }
        routes.put(ApiDefinition.DEFAULT, new RouteDefinition(ApiDefinition.DEFAULT, scripted, true));
        routes.put("echo", new RouteDefinition("echo", scripted, true));
        routes.put("silent", new RouteDefinition("silent", scripted, false));
        routes.put("typed", new RouteDefinition("typed", typed, true));
        Optional<AuthorizerDefinition> authorizer = authorizerFunction.map(function ->
                new AuthorizerDefinition(function, List.of("route.request.querystring.token")));
        return new ApiDefinition("$request.body.action", "test", routes, authorizer);
    }

    static WebSocketGateway start(ApiDefinition api, GatewaySettings settings) throws Exception {
        WebSocketGateway gateway = new WebSocketGateway(api, settings);
        gateway.start(0);
        return gateway;
    }

    /** The connection id of a socket, from the CONNECT event the scripted $connect recorded. */
    static String connectionId(EventRecorder recorder, TestSocket socket) {
        JsonNode connect = recorder.await(event -> socket.tag.equals(event.at("/headers/X-Test-Socket").asText()), WAIT);
        return connect.at("/requestContext/connectionId").asText();
    }

    /** The gateway's WebSocket URI with this query string. */
    static java.net.URI uri(WebSocketGateway gateway, String query) {
        return java.net.URI.create(gateway.webSocketUri() + "?" + query);
    }

    /** {@link #full(String, boolean)} (no authorizer) whose $disconnect blocks until {@code ScriptedFunction.release(latch)}. */
    static ApiDefinition withBlockingDisconnect(String recorder, String latch) {
        ApiDefinition full = full(recorder, false);
        Map<String, RouteDefinition> routes = new HashMap<>(full.routes());
        FunctionDefinition blocking = new FunctionDefinition("BlockingDisconnect",
                ScriptedFunction.class.getName(), Map.of("RECORDER", recorder, "DISCONNECT_LATCH", latch));
        routes.put(ApiDefinition.DISCONNECT, new RouteDefinition(ApiDefinition.DISCONNECT, blocking, false));
        return new ApiDefinition(full.routeSelectionExpression(), full.stageName(), routes, full.authorizer());
    }

    /** The DISCONNECT events recorded so far. */
    static List<JsonNode> disconnects(EventRecorder recorder) {
        return recorder.all(event -> event.at("/requestContext/eventType").asText().equals("DISCONNECT"));
    }

    /** Waits (up to {@link #WAIT}) until {@code condition} holds; the failure says {@code state()}. */
    static void until(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + state.get());
            }
            Thread.sleep(Duration.ofMillis(10));
        }
    }

    /** How many times the test authorizer ran. */
    static int authorizerCalls(EventRecorder recorder) {
        return recorder.all(e -> e.has("authorizerToken")).size();
    }
}
