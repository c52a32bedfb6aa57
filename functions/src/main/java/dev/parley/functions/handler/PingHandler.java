package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;
import dev.parley.model.v1.PingReply;

import java.time.Clock;
import java.util.Map;

/**
 * Route {@code ping}: a keep-alive. API Gateway closes a socket after 10 idle minutes and only
 * data frames count, so clients send one every 5 minutes on a quiet socket; the reply carries the
 * server's clock, which clients may use to judge their own.
 */
public final class PingHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PingHandler.class);

    private final Clock clock;

    /** Lambda's entry point: primed before a SnapStart snapshot. */
    public PingHandler() {
        this(System.getenv());
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public PingHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    /** An instance around a given clock, for tests. */
    public PingHandler(Clock clock) {
        super(() -> { });
        this.clock = clock;
    }

    private PingHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.clock = Clock.systemUTC();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, (request, call) -> new PingReply(clock.millis()));
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("ping", "");
    }
}
