package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.MessagingWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.TypingRequest;

import java.util.Map;

/**
 * Routes {@code markDelivered}, {@code markRead} and {@code typing}: what a reading or typing user
 * tells the others, as {@code receipt} and {@code typing} events to their live devices.
 */
public final class ActivityHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(ActivityHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public ActivityHandler() {
        this(new MessagingWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public ActivityHandler(Map<String, String> environment) {
        this(new MessagingWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public ActivityHandler(MarkReceipt markReceipt, SendTyping sendTyping) {
        super(() -> { });
        this.routes = routes(markReceipt, sendTyping);
    }

    private ActivityHandler(MessagingWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(wiring.markReceipt(), wiring.sendTyping());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(MarkReceipt markReceipt, SendTyping sendTyping) {
        return Map.of(
                Actions.MARK_DELIVERED, mark(markReceipt, Cursor.DELIVERED),
                Actions.MARK_READ, mark(markReceipt, Cursor.READ),
                Actions.TYPING, (request, call) -> {
                    Object reply = sendTyping.type(call.actor(), Commands.of(CODEC.read(request, TypingRequest.class)));
                    LOG.info("typing passed on", call.fields());
                    return reply;
                });
    }

    private static ActionRoute.Action mark(MarkReceipt markReceipt, Cursor cursor) {
        return (request, call) -> {
            ReceiptReply reply = markReceipt.mark(call.actor(), cursor, Commands.of(CODEC.read(request, MarkRequest.class)));
            LOG.info("receipt marked", call.fields("conversationId", reply.conversationId(), "moved", reply.moved()));
            return reply;
        };
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("typing", "\"conversationId\":\"" + PrimingEvents.CONVERSATION_ID + "\",\"state\":\"typing\"");
    }
}
