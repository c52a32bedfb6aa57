package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.log.JsonLogger;

import java.util.Map;
import java.util.Optional;

/**
 * What every WebSocket route needs from an API Gateway event. Identity comes only from
 * {@code requestContext.authorizer}, which API Gateway fills from the $connect authorizer's
 * context on every event of the connection; a message body is never trusted for it.
 */
record WebSocketCall(String route, String connectionId, String requestId, Map<String, Object> authorizer) {

    static WebSocketCall of(APIGatewayV2WebSocketEvent event) {
        APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
        if (context == null) {
            return new WebSocketCall(null, null, null, Map.of());
        }
        Map<String, Object> authorizer = context.getAuthorizer() == null ? Map.of() : context.getAuthorizer();
        return new WebSocketCall(context.getRouteKey(), context.getConnectionId(), context.getRequestId(), authorizer);
    }

    /** The user and device the authorizer vouched for; context values may arrive as strings or numbers. */
    Optional<Caller> caller() {
        Object userId = authorizer.get("userId");
        Object deviceId = authorizer.get("deviceId");
        if (userId == null || deviceId == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(String.valueOf(userId), String.valueOf(deviceId)));
    }

    /**
     * The caller and its socket, as use cases take them. Every route after $connect has the
     * authorizer's context, so its absence is a deployment bug, not a client error.
     */
    Actor actor() {
        Caller caller = caller().orElseThrow(() -> new IllegalStateException(
                "The authorizer context has no userId and deviceId; is the authorizer attached to $connect?"));
        return new Actor(caller.userId(), caller.deviceId(), connectionId);
    }

    /** The Cognito username the authorizer vouched for, or null; $connect keeps the user findable by it. */
    String username() {
        Object username = authorizer.get("username");
        return username == null ? null : String.valueOf(username);
    }

    /** When the socket's sign-in happened (the token's {@code auth_time}), or null for a socket authorized without it. */
    java.time.Instant authTime() {
        Object authTime = authorizer.get("authTime");
        if (authTime == null) {
            return null;
        }
        try {
            return java.time.Instant.ofEpochSecond(Long.parseLong(String.valueOf(authTime)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Log keys of this call plus the given pairs. */
    Map<String, Object> fields(Object... more) {
        Map<String, Object> fields = JsonLogger.fields("requestId", requestId, "connectionId", connectionId, "route", route);
        fields.putAll(JsonLogger.fields(more));
        return fields;
    }

    record Caller(String userId, String deviceId) {
    }
}
