package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Delivers one client message to its route, as API Gateway does:
 * <ul>
 *   <li>the route comes from {@link RouteSelector}; with none, the client gets
 *       {@code {"message":"Forbidden","connectionId":..,"requestId":..}} and stays connected;</li>
 *   <li>the invocation runs concurrently with every other one, the same connection's included;</li>
 *   <li>if the function runs past the integration timeout (29 s), the client gets
 *       {@code {"message":"Endpoint request timed out",..}};</li>
 *   <li>if the function throws or answers with something that is not a proxy response (a JSON object
 *       whose {@code body}, if any, is a string), the client gets {@code {"message":"Internal server error",..}};</li>
 *   <li>only a route with a route response sends the Lambda's {@code body} back, as one text frame.</li>
 * </ul>
 */
final class MessageRouter {
    static final String FORBIDDEN = "Forbidden";
    static final String INTERNAL_SERVER_ERROR = "Internal server error";
    static final String ENDPOINT_REQUEST_TIMED_OUT = "Endpoint request timed out";

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final ApiDefinition api;
    private final RouteSelector selector;
    private final LambdaIntegrations integrations;
    private final WebSocketEvents events;
    private final MessageMeter meter;
    private final ObjectMapper mapper;
    private final RequestQuota quota;

    MessageRouter(ApiDefinition api, LambdaIntegrations integrations, WebSocketEvents events, MessageMeter meter,
                  ObjectMapper mapper, RequestQuota quota) {
        this.api = api;
        this.selector = new RouteSelector(api.routeSelectionExpression(), api.routes().keySet(), mapper);
        this.integrations = integrations;
        this.events = events;
        this.meter = meter;
        this.mapper = mapper;
        this.quota = quota;
    }

    /** Routes the message; completes when the route's invocation and any reply are done. */
    CompletableFuture<Void> route(Connection connection, String body) {
        String requestId = GatewayIds.next();
        // An inbound message uses the account's quota up, so posts meet it sooner; it is never refused here.
        quota.tryAcquire();
        Optional<RouteDefinition> route = selector.select(body).flatMap(api::route);
        if (route.isEmpty()) {
            LOG.info("no route matched and there is no $default route connectionId={} requestId={}",
                    connection.id(), requestId);
            return sendGatewayError(connection, FORBIDDEN, requestId);
        }
        RouteDefinition target = route.get();
        ObjectNode event = events.message(connection, target.routeKey(), body, requestId, GatewayIds.next());
        return integrations.invoke(target.function(), event)
                .thenCompose(response -> reply(connection, target, requestId, response))
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warn("integration failed connectionId={} requestId={} route={} failure={}", connection.id(),
                            requestId, target.routeKey(), String.valueOf(cause));
                    boolean timedOut = cause instanceof IntegrationException integrationFailure
                            && integrationFailure.kind() == IntegrationException.Kind.TIMEOUT;
                    return sendGatewayError(connection, timedOut ? ENDPOINT_REQUEST_TIMED_OUT : INTERNAL_SERVER_ERROR,
                            requestId);
                });
    }

    private CompletableFuture<Void> reply(Connection connection, RouteDefinition route, String requestId,
                                          JsonNode response) {
        JsonNode body = response.path("body");
        boolean proxyResponse = response.isNull() || response.isMissingNode()
                || (response.isObject() && (body.isMissingNode() || body.isNull() || body.isTextual()));
        if (!proxyResponse) {
            return CompletableFuture.failedFuture(new IntegrationException(
                    IntegrationException.Kind.MALFORMED_RESPONSE, "not a Lambda proxy response", null));
        }
        if (!route.hasRouteResponse() || !body.isTextual()) {
            return CompletableFuture.completedFuture(null);
        }
        String text = body.asText();
        meter.countOutbound(text.getBytes(StandardCharsets.UTF_8).length);
        return connection.send(text).exceptionally(gone -> {
            LOG.info("route response dropped: connection closed connectionId={} requestId={}", connection.id(), requestId);
            return null;
        });
    }

    private CompletableFuture<Void> sendGatewayError(Connection connection, String message, String requestId) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("message", message);
        frame.put("connectionId", connection.id());
        frame.put("requestId", requestId);
        return connection.send(frame.toString()).exceptionally(gone -> null);
    }
}
