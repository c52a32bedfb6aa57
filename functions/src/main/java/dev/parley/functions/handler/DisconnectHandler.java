package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;

import java.util.Map;

/**
 * $disconnect: removes the connection. Best effort by nature: the socket is already closed and
 * nobody sees the result, so a failure is logged and the entry's own expiry cleans up.
 */
public final class DisconnectHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(DisconnectHandler.class);

    private final RemoveConnection removeConnection;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public DisconnectHandler() {
        this(new ConnectionWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public DisconnectHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public DisconnectHandler(RemoveConnection removeConnection) {
        super(() -> { });
        this.removeConnection = removeConnection;
    }

    private DisconnectHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.removeConnection = wiring.removeConnection();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        WebSocketCall call = WebSocketCall.of(event);
        WebSocketCall.Caller caller = call.caller().orElse(null);
        if (caller == null) {
            LOG.warn("disconnect without identity", call.fields());
            return RouteResponses.status(200);
        }
        try {
            removeConnection.remove(call.connectionId(), caller.userId());
            LOG.info("connection removed", call.fields("userId", caller.userId(), "deviceId", caller.deviceId()));
        } catch (RuntimeException e) {
            LOG.error("connection not removed", call.fields("userId", caller.userId()), e);
        }
        return RouteResponses.status(200);
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.route("$disconnect", null);
    }
}
