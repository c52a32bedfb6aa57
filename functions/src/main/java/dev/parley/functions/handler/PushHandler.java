package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.push.MuteConversation;
import dev.parley.functions.domain.push.RegisterForPush;
import dev.parley.functions.domain.push.UnregisterFromPush;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.PushWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MuteConversationRequest;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.UnregisterDeviceRequest;

import java.util.Map;

/**
 * One function for the push actions: registerDevice, unregisterDevice and muteConversation, picked
 * by route key. Each acts on the calling device or user only.
 *
 * <p>Environment: {@code AWS_REGION}, {@code DEVICES_TABLE}, {@code MEMBERSHIPS_TABLE}, and the
 * optional {@code PUSH_APP_ARN_APNS}, {@code PUSH_APP_ARN_APNS_SANDBOX}, {@code PUSH_APP_ARN_FCM}.
 */
public final class PushHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PushHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    /** The use cases this function serves, one per route. */
    public record UseCases(RegisterForPush registerDevice, UnregisterFromPush unregisterDevice,
                           MuteConversation muteConversation) {
    }

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public PushHandler() {
        this(new PushWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public PushHandler(Map<String, String> environment) {
        this(new PushWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public PushHandler(UseCases useCases) {
        super(() -> { });
        this.routes = routes(useCases);
    }

    private PushHandler(PushWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(new UseCases(wiring.registerForPush(), wiring.unregisterFromPush(), wiring.muteConversation()));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(UseCases useCases) {
        return Map.of(
                Actions.REGISTER_DEVICE, logged((request, call) -> useCases.registerDevice()
                        .register(call.actor(), Commands.of(CODEC.read(request, RegisterDeviceRequest.class)))),
                Actions.UNREGISTER_DEVICE, logged((request, call) -> {
                    CODEC.read(request, UnregisterDeviceRequest.class);
                    return useCases.unregisterDevice().unregister(call.actor());
                }),
                Actions.MUTE_CONVERSATION, logged((request, call) -> useCases.muteConversation()
                        .mute(call.actor(), Commands.of(CODEC.read(request, MuteConversationRequest.class)))));
    }

    /** Runs the action as the caller and logs that it was handled. */
    private static ActionRoute.Action logged(ActionRoute.Action action) {
        return (request, call) -> {
            Object reply = action.run(request, call);
            LOG.info("request handled", call.fields("userId", call.actor().userId()));
            return reply;
        };
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("muteConversation", "\"conversationId\":\"" + PrimingEvents.CONVERSATION_ID + "\",\"muted\":true");
    }
}
