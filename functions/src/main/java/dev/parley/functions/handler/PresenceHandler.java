package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.presence.GetPresence;
import dev.parley.functions.domain.user.GetSettings;
import dev.parley.functions.domain.user.UpdateSettings;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.PresenceWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.GetSettingsRequest;
import dev.parley.model.v1.UpdateSettingsRequest;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Routes {@code getPresence}, {@code getSettings} and {@code updateSettings}. */
public final class PresenceHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PresenceHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public PresenceHandler() {
        this(new PresenceWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public PresenceHandler(Map<String, String> environment) {
        this(new PresenceWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public PresenceHandler(GetPresence getPresence, GetSettings getSettings, UpdateSettings updateSettings) {
        super(() -> { });
        this.routes = routes(getPresence, getSettings, updateSettings);
    }

    private PresenceHandler(PresenceWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(wiring.getPresence(), wiring.getSettings(), wiring.updateSettings());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(GetPresence getPresence, GetSettings getSettings,
                                                          UpdateSettings updateSettings) {
        return Map.of(
                Actions.GET_PRESENCE, route(GetPresenceRequest.class, Commands::of, getPresence::get),
                Actions.GET_SETTINGS, route(GetSettingsRequest.class, Function.identity(), (actor, none) -> getSettings.get(actor)),
                Actions.UPDATE_SETTINGS, route(UpdateSettingsRequest.class, Commands::of, updateSettings::update));
    }

    /** Reads the action's fields into its request record, maps it to the use case's command and runs that as the caller. */
    private static <T, C> ActionRoute.Action route(Class<T> type, Function<T, C> command, BiFunction<Actor, C, ?> useCase) {
        return (request, call) -> {
            Object reply = useCase.apply(call.actor(), command.apply(CODEC.read(request, type)));
            LOG.info("request handled", call.fields());
            return reply;
        };
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("getPresence", "\"userIds\":[\"" + PrimingEvents.USER_ID + "\"]");
    }
}
