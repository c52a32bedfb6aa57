package dev.parley.functions.handler;

import dev.parley.functions.domain.Metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.sync.History;
import dev.parley.functions.domain.sync.Sync;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.SyncWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;

import java.util.Map;

/** Routes {@code sync} and {@code history}: a device catches up, or pages back through a conversation. */
public final class SyncHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(SyncHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public SyncHandler() {
        this(new SyncWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public SyncHandler(Map<String, String> environment) {
        this(new SyncWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public SyncHandler(Sync sync, History history) {
        super(() -> { });
        this.routes = routes(sync, history, Metrics.NONE);
    }

    private SyncHandler(SyncWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(wiring.sync(), wiring.history(), wiring.metrics());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(Sync sync, History history, Metrics metrics) {
        return Map.of(
                Actions.SYNC, (request, call) -> {
                    SyncReply reply = sync.sync(call.actor(), Commands.of(CODEC.read(request, SyncRequest.class)));
                    LOG.info("synced", call.fields("conversations", reply.conversations().size(),
                            "removed", reply.removed().size(), "hasMore", reply.hasMore()));
                    metrics.record(Metrics.Metric.SYNC_PAGES, 1);
                    return reply;
                },
                Actions.HISTORY, (request, call) -> {
                    HistoryReply reply = history.history(call.actor(), Commands.of(CODEC.read(request, HistoryRequest.class)));
                    LOG.info("history read", call.fields("conversationId", reply.conversationId(),
                            "messages", reply.messages().size()));
                    return reply;
                });
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("sync", "");
    }
}
