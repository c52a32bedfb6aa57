package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.receipt.GetReadCounts;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.domain.viewing.ViewConversation;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.MessagingWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.ReadCountsReply;
import dev.parley.model.v1.ReadCountsRequest;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.TypingRequest;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Routes {@code markDelivered}, {@code markRead} and {@code typing}: what a reading or typing user
 * tells the others, as {@code receipt} and {@code typing} events to their live devices; and
 * {@code viewConversation}: which conversation the socket shows now; {@code readCounts}: how many
 * members of a large conversation read its messages.
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
        this(markReceipt, sendTyping, null);
    }

    /** An instance around given use cases, for tests; without {@code viewConversation} that action is unknown. */
    public ActivityHandler(MarkReceipt markReceipt, SendTyping sendTyping, ViewConversation viewConversation) {
        this(markReceipt, sendTyping, viewConversation, null);
    }

    /** An instance around given use cases, for tests; without {@code getReadCounts} the {@code readCounts} action is unknown. */
    public ActivityHandler(MarkReceipt markReceipt, SendTyping sendTyping, ViewConversation viewConversation,
                           GetReadCounts getReadCounts) {
        super(() -> { });
        this.routes = routes(markReceipt, sendTyping, viewConversation, getReadCounts);
    }

    private ActivityHandler(MessagingWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(wiring.markReceipt(), wiring.sendTyping(), wiring.viewConversation(), wiring.getReadCounts());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(MarkReceipt markReceipt, SendTyping sendTyping,
                                                          ViewConversation viewConversation, GetReadCounts getReadCounts) {
        Map<String, ActionRoute.Action> routes = new HashMap<>(Map.of(
                Actions.MARK_DELIVERED, mark(markReceipt, Cursor.DELIVERED),
                Actions.MARK_READ, mark(markReceipt, Cursor.READ),
                Actions.TYPING, (request, call) -> {
                    Object reply = sendTyping.type(call.actor(), Commands.of(CODEC.read(request, TypingRequest.class)));
                    LOG.info("typing passed on", call.fields());
                    return reply;
                }));
        if (viewConversation != null) {
            routes.put(Actions.VIEW_CONVERSATION, (request, call) -> {
                ViewConversationRequest view = CODEC.read(request, ViewConversationRequest.class);
                ViewConversationReply reply = viewConversation.view(call.actor(),
                        new ViewConversation.Command(view.conversationId(), view.ttlSeconds()));
                LOG.info("viewing", call.fields("conversationId", reply.conversationId(), "expiresInMs", reply.expiresInMs()));
                return reply;
            });
        }
        if (getReadCounts != null) {
            routes.put(Actions.READ_COUNTS, (request, call) -> {
                ReadCountsRequest asked = CODEC.read(request, ReadCountsRequest.class);
                ReadCountsReply reply = getReadCounts.counts(call.actor().userId(),
                        new GetReadCounts.Command(asked.conversationId(), asked.seqs()));
                LOG.info("read counts", call.fields("conversationId", reply.conversationId(), "seqs", reply.counts().size()));
                return reply;
            });
        }
        return Map.copyOf(routes);
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
