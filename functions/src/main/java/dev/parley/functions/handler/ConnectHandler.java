package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.device.RegisterDevice;
import dev.parley.functions.domain.user.RegisterUserProfile;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;

import java.util.Map;

/**
 * $connect: keeps the user findable by username, records the device (and the platform the client
 * names with the optional {@code platform} query parameter), then registers the device's
 * connection. Any failure refuses the handshake with 500, and the client connects again; all
 * writes are upserts, so a repeated connect does no harm.
 *
 * <p>Environment: {@code AWS_REGION}, {@code CONNECTIONS_TABLE}, {@code USERS_TABLE}, {@code DEVICES_TABLE}.
 */
public final class ConnectHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(ConnectHandler.class);

    private final RegisterConnection registerConnection;
    private final RegisterUserProfile registerUserProfile;
    private final RegisterDevice registerDevice;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public ConnectHandler() {
        this(new ConnectionWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public ConnectHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public ConnectHandler(RegisterConnection registerConnection, RegisterUserProfile registerUserProfile,
                          RegisterDevice registerDevice) {
        super(() -> { });
        this.registerConnection = registerConnection;
        this.registerUserProfile = registerUserProfile;
        this.registerDevice = registerDevice;
    }

    private ConnectHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.registerConnection = wiring.registerConnection();
        this.registerUserProfile = wiring.registerUserProfile();
        this.registerDevice = wiring.registerDevice();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        WebSocketCall call = WebSocketCall.of(event);
        try {
            WebSocketCall.Caller caller = call.caller().orElseThrow(() -> new IllegalStateException(
                    "The authorizer context has no userId and deviceId; is the authorizer attached to $connect?"));
            registerUserProfile.register(caller.userId(), call.username());
            registerDevice.register(caller.userId(), caller.deviceId(), platform(event));
            registerConnection.register(call.connectionId(), caller.userId(), caller.deviceId());
            LOG.info("connection registered", call.fields("userId", caller.userId(), "deviceId", caller.deviceId(),
                    "platform", platform(event)));
            return RouteResponses.status(200);
        } catch (RuntimeException e) {
            LOG.error("connection not registered", call.fields(), e);
            return RouteResponses.status(500);
        }
    }

    /** The CONNECT event's {@code platform} query parameter, or null. */
    private static String platform(APIGatewayV2WebSocketEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get("platform");
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.route("$connect", null);
    }
}
