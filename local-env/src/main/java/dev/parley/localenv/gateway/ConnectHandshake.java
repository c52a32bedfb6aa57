package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Decides each upgrade request the way API Gateway does: the handshake waits for the authorizer and
 * {@code $connect}.
 * <ul>
 *   <li>An authorizer refusal becomes the handshake status (401, 403, 500).</li>
 *   <li>A non-2xx {@code $connect} status is the handshake status. A {@code statusCode} of 0 (an unset
 *       Java int) is a handler bug: refused with 500 and logged as an error. A function error is 500 and a
 *       timeout 504.</li>
 *   <li>Of the {@code $connect} response headers, only {@code Sec-WebSocket-Protocol} reaches the client.</li>
 *   <li>No WebSocket extensions are negotiated (API Gateway offers no permessage-deflate).</li>
 *   <li>Until the handshake completes the connection is CONNECTING: {@code @connections} answers 410.</li>
 *   <li>With a limit on concurrent handshakes ({@link GatewaySettings#maxConcurrentHandshakes}), one over it
 *       is refused 429 before any function runs, as a throttled authorizer is.</li>
 * </ul>
 * Runs on a Jetty worker thread, which blocks while the functions run.
 */
final class ConnectHandshake implements WebSocketCreator {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandshake.class);
    /** API Gateway's body for a throttled request. */
    static final String TOO_MANY_REQUESTS = "Too Many Requests";

    private final Optional<RouteDefinition> connectRoute;
    private final Optional<ConnectAuthorizer> authorizer;
    private final ConnectionRegistry registry;
    private final LambdaIntegrations integrations;
    private final WebSocketEvents events;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Function<Connection, Object> endpoints;
    /** Permits of concurrent handshakes; null: no limit. */
    private final Semaphore running;
    private final int maxConcurrent;

    ConnectHandshake(Optional<RouteDefinition> connectRoute, Optional<ConnectAuthorizer> authorizer,
                     ConnectionRegistry registry, LambdaIntegrations integrations, WebSocketEvents events,
                     ObjectMapper mapper, Clock clock, Function<Connection, Object> endpoints, int maxConcurrent) {
        this.connectRoute = connectRoute;
        this.authorizer = authorizer;
        this.registry = registry;
        this.integrations = integrations;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
        this.endpoints = endpoints;
        this.running = maxConcurrent > 0 ? new Semaphore(maxConcurrent) : null;
        this.maxConcurrent = maxConcurrent;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (running == null) {
            return handshake(request, response, callback);
        }
        if (!running.tryAcquire()) {
            LOG.info("handshake refused with 429: {} handshakes are running already", maxConcurrent);
            refuse(response, callback, new Refusal(429, TOO_MANY_REQUESTS), GatewayIds.next());
            return null;
        }
        try {
            return handshake(request, response, callback);
        } finally {
            running.release();
        }
    }

    private Object handshake(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        response.setExtensions(List.of());
        ClientHandshake handshake = handshakeOf(request);
        Connection connection = new Connection(GatewayIds.next(), clock.millis(), Request.getRemoteAddr(request),
                handshake.header("User-Agent").orElse(null),
                handshake.header("Host").orElse(Request.getServerName(request)));
        String requestId = GatewayIds.next();
        registry.add(connection);
        try {
            Optional<Refusal> refusal = authorize(connection, handshake, requestId)
                    .or(() -> runConnectRoute(connection, handshake, requestId, response));
            if (refusal.isPresent()) {
                registry.remove(connection);
                connection.markClosed();
                refuse(response, callback, refusal.get(), requestId);
                return null;
            }
            connection.accept();
            return endpoints.apply(connection);
        } catch (RuntimeException e) {
            registry.remove(connection);
            connection.markClosed();
            throw e;
        }
    }

    private record Refusal(int status, String message) {
    }

    private Optional<Refusal> authorize(Connection connection, ClientHandshake handshake, String requestId) {
        if (authorizer.isEmpty()) {
            return Optional.empty();
        }
        ConnectAuthorizer.Outcome outcome = authorizer.get().authorize(connection, handshake, requestId);
        if (outcome instanceof ConnectAuthorizer.Outcome.Refused refused) {
            return Optional.of(new Refusal(refused.status(), refused.message()));
        }
        connection.authorize(((ConnectAuthorizer.Outcome.Allowed) outcome).requestContextAuthorizer());
        return Optional.empty();
    }

    private Optional<Refusal> runConnectRoute(Connection connection, ClientHandshake handshake, String requestId,
                                              ServerUpgradeResponse upgradeResponse) {
        if (connectRoute.isEmpty()) {
            return Optional.empty();
        }
        JsonNode response;
        try {
            response = integrations.invokeAndWait(connectRoute.get().function(),
                    events.connect(connection, handshake, requestId));
        } catch (IntegrationException e) {
            LOG.warn("$connect failed; handshake refused connectionId={} failure={}", connection.id(), e.getMessage());
            return Optional.of(e.kind() == IntegrationException.Kind.TIMEOUT
                    ? new Refusal(504, MessageRouter.ENDPOINT_REQUEST_TIMED_OUT) : new Refusal(500, MessageRouter.INTERNAL_SERVER_ERROR));
        }
        int status = response.path("statusCode").asInt(0);
        if (status == 0) {
            LOG.error("$connect returned no statusCode (0, the unset Java int): a handler bug; the handshake is refused "
                    + "with 500, as AWS does connectionId={} function={}", connection.id(),
                    connectRoute.get().function().logicalId());
            return Optional.of(new Refusal(500, MessageRouter.INTERNAL_SERVER_ERROR));
        }
        if (status < 200 || status > 299) {
            LOG.info("$connect refused the connection connectionId={} statusCode={}", connection.id(), status);
            return Optional.of(new Refusal(status < 100 || status > 599 ? 500 : status, null));
        }
        subprotocol(response).ifPresent(upgradeResponse::setAcceptedSubProtocol);
        return Optional.empty();
    }

    private static Optional<String> subprotocol(JsonNode response) {
        for (String headersField : List.of("headers", "multiValueHeaders")) {
            for (Map.Entry<String, JsonNode> header : response.path(headersField).properties()) {
                if (header.getKey().equalsIgnoreCase(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL.asString())) {
                    JsonNode value = header.getValue().isArray() ? header.getValue().path(0) : header.getValue();
                    return Optional.ofNullable(value.textValue());
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(ServerUpgradeResponse response, Callback callback, Refusal refusal, String requestId) {
        response.setStatus(refusal.status());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if (refusal.message() == null) {
            response.write(true, null, callback);
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("message", refusal.message());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static ClientHandshake handshakeOf(Request request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(Map.entry(field.getName(), field.getValue() == null ? "" : field.getValue()));
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        Fields parameters = Request.extractQueryParameters(request);
        for (Fields.Field parameter : parameters) {
            for (String value : parameter.getValues()) {
                query.add(Map.entry(parameter.getName(), value));
            }
        }
        return new ClientHandshake(headers, query);
    }
}
