package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;
import dev.parley.model.Request;

import java.util.Map;

/**
 * What every action route does around its use case: decode the frame, run the action, and answer
 * on the same socket (the route response) with the reply or the error frame. Expected refusals
 * are logged with their code; anything else is logged once as an error and answered INTERNAL.
 */
final class ActionRoute {
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private ActionRoute() {
    }

    /** One action: reads its fields from the request and returns the reply's record. */
    @FunctionalInterface
    interface Action {
        Object run(Request request, WebSocketCall call);
    }

    /** A function serving several actions: the route key picks the action; a route it does not serve is UNKNOWN_ACTION. */
    static APIGatewayV2WebSocketResponse respond(APIGatewayV2WebSocketEvent event, JsonLogger log, Map<String, Action> routes) {
        return respond(event, log, (request, call) -> {
            Action action = routes.get(call.route());
            if (action == null) {
                throw new FailureException(new Failure.UnknownAction(request.action()));
            }
            return action.run(request, call);
        });
    }

    static APIGatewayV2WebSocketResponse respond(APIGatewayV2WebSocketEvent event, JsonLogger log, Action action) {
        WebSocketCall call = WebSocketCall.of(event);
        String requestId = null;
        Frame frame;
        try {
            Request request = CODEC.decodeRequest(event.getBody());
            requestId = request.requestId();
            if (requestId == null) {
                throw new ProtocolException(null, ErrorCode.BAD_REQUEST,
                        "Field \"requestId\" is required: the reply carries it so the client can match it.");
            }
            frame = CODEC.reply(requestId, action.run(request, call));
        } catch (ProtocolException e) {
            frame = refused(e.toFrame(), log, call);
        } catch (FailureException e) {
            frame = refused(ErrorFrames.of(requestId, e.failure()), log, call);
        } catch (RuntimeException e) {
            log.error("request failed", call.fields(), e);
            frame = ErrorFrames.internal(requestId);
        }
        return RouteResponses.frame(CODEC.encode(frame));
    }

    private static Frame.Error refused(Frame.Error error, JsonLogger log, WebSocketCall call) {
        if (error.code().fault() == ErrorCode.Fault.SERVER) {
            log.warn("request refused", call.fields("code", error.code()));
        } else {
            log.info("request refused", call.fields("code", error.code()));
        }
        return error;
    }
}
