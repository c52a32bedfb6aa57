package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;
import dev.parley.model.Request;

import java.util.Map;

/**
 * $default: API Gateway sends here every frame whose action matches no route, and every frame
 * that is not JSON. The answer is an error frame on the same socket (the route response):
 * UNKNOWN_ACTION naming the action, or BAD_REQUEST; the requestId is echoed when it could be read.
 */
public final class DefaultHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(DefaultHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    /** Lambda's entry point: primed before a SnapStart snapshot. */
    public DefaultHandler() {
        this(System.getenv());
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public DefaultHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    private DefaultHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        WebSocketCall call = WebSocketCall.of(event);
        Frame.Error error;
        try {
            Request request = CODEC.decodeRequest(event.getBody());
            error = ErrorFrames.of(request.requestId(), new Failure.UnknownAction(request.action()));
            LOG.info("unknown action", call.fields("action", request.action()));
        } catch (ProtocolException e) {
            error = e.toFrame();
            LOG.info("request rejected", call.fields("code", error.code()));
        } catch (RuntimeException e) {
            LOG.error("request failed", call.fields(), e);
            error = ErrorFrames.internal(null);
        }
        return RouteResponses.frame(CODEC.encode(error));
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.route("$default", "{\"action\":\"priming\",\"requestId\":\"priming\"}");
    }
}
