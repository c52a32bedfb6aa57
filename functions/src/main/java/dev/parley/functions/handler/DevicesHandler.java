package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.account.DeleteAccount;
import dev.parley.functions.domain.device.ListDevices;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;
import dev.parley.functions.domain.keys.ClaimKeys;
import dev.parley.functions.domain.keys.GetKeyCounts;
import dev.parley.functions.domain.keys.GetKeyLog;
import dev.parley.functions.domain.keys.PublishKeys;
import dev.parley.functions.wiring.KeysWiring;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.DevicesWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ClaimKeysRequest;
import dev.parley.model.v1.DeleteAccountRequest;
import dev.parley.model.v1.GetKeyCountsRequest;
import dev.parley.model.v1.GetKeyLogRequest;
import dev.parley.model.v1.PublishKeysRequest;
import dev.parley.model.v1.ListDevicesRequest;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SignOutEverywhereRequest;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One function for the device and account actions: listDevices, revokeDevice, signOutEverywhere and deleteAccount, and
 * the key directory's publishKeys, getKeyCounts, claimKeys and getKeyLog, picked by route key. The caller gets the reply on its own socket; revoked devices' sockets are closed.
 *
 * <p>Environment: {@code AWS_REGION}, {@code DEVICES_TABLE}, {@code CONNECTIONS_TABLE},
 * {@code APIGW_MANAGEMENT_ENDPOINT} and {@code USER_POOL_ID}; for deleteAccount also the conversation
 * tables ({@code MESSAGES_TABLE}, {@code MEMBERSHIPS_TABLE}), {@code USERS_TABLE}, the push settings
 * and, when media is on, {@code MEDIA_TABLE} and {@code MEDIA_BUCKET}; for the key actions and a revoked device's
 * keys {@code KEYS_TABLE}, and {@code PRESENCE_QUEUE_URL} to announce device changes.
 */
public final class DevicesHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(DevicesHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    /** The use cases this function serves, one per route. */
    public record UseCases(ListDevices listDevices, RevokeDevice revokeDevice, SignOutEverywhere signOutEverywhere,
                           Supplier<DeleteAccount> deleteAccount, Supplier<KeyUseCases> keys) {
        /** Without deleteAccount and the key directory, for tests of the device actions. */
        public UseCases(ListDevices listDevices, RevokeDevice revokeDevice, SignOutEverywhere signOutEverywhere) {
            this(listDevices, revokeDevice, signOutEverywhere, () -> {
                throw new IllegalStateException("no deleteAccount in this instance");
            }, () -> {
                throw new IllegalStateException("no key directory in this instance");
            });
        }
    }

    /** The key directory's use cases (docs/e2ee.md), built on the first key action. */
    public record KeyUseCases(PublishKeys publishKeys, GetKeyCounts getKeyCounts, ClaimKeys claimKeys, GetKeyLog getKeyLog) {
    }

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public DevicesHandler() {
        this(new DevicesWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public DevicesHandler(Map<String, String> environment) {
        this(new DevicesWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public DevicesHandler(UseCases useCases) {
        super(() -> { });
        this.routes = routes(useCases);
    }

    private DevicesHandler(DevicesWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(new UseCases(wiring.listDevices(), wiring.revokeDevice(), wiring.signOutEverywhere(),
                wiring.deleteAccountOnFirstUse(), keys(wiring.keysOnFirstUse())));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Supplier<KeyUseCases> keys(Supplier<KeysWiring> wiring) {
        return () -> new KeyUseCases(wiring.get().publishKeys(), wiring.get().getKeyCounts(), wiring.get().claimKeys(),
                wiring.get().getKeyLog());
    }

    private static Map<String, ActionRoute.Action> routes(UseCases useCases) {
        Supplier<KeyUseCases> keys = new KeysOnce(useCases.keys());
        return Map.of(
                Actions.LIST_DEVICES, logged((request, call) -> {
                    CODEC.read(request, ListDevicesRequest.class);
                    return useCases.listDevices().list(call.actor());
                }),
                Actions.REVOKE_DEVICE, logged((request, call) ->
                        useCases.revokeDevice().revoke(call.actor(), Commands.of(CODEC.read(request, RevokeDeviceRequest.class)))),
                Actions.SIGN_OUT_EVERYWHERE, logged((request, call) -> {
                    CODEC.read(request, SignOutEverywhereRequest.class);
                    return useCases.signOutEverywhere().signOut(call.actor(), call.username());
                }),
                Actions.DELETE_ACCOUNT, logged((request, call) -> useCases.deleteAccount().get().delete(call.actor(), call.username(),
                        call.authTime(), Commands.of(CODEC.read(request, DeleteAccountRequest.class)))),
                Actions.PUBLISH_KEYS, logged((request, call) ->
                        keys.get().publishKeys().publish(call.actor(), Commands.of(CODEC.read(request, PublishKeysRequest.class)))),
                Actions.GET_KEY_COUNTS, logged((request, call) -> {
                    CODEC.read(request, GetKeyCountsRequest.class);
                    return keys.get().getKeyCounts().count(call.actor());
                }),
                Actions.CLAIM_KEYS, logged((request, call) ->
                        keys.get().claimKeys().claim(call.actor(), Commands.of(CODEC.read(request, ClaimKeysRequest.class)))),
                Actions.GET_KEY_LOG, logged((request, call) ->
                        keys.get().getKeyLog().read(Commands.of(CODEC.read(request, GetKeyLogRequest.class)))));
    }

    /** Builds the key use cases once, on the first key action. */
    private static final class KeysOnce implements Supplier<KeyUseCases> {
        private final Supplier<KeyUseCases> factory;
        private KeyUseCases built;

        KeysOnce(Supplier<KeyUseCases> factory) {
            this.factory = factory;
        }

        @Override
        public synchronized KeyUseCases get() {
            if (built == null) {
                built = factory.get();
            }
            return built;
        }
    }

    /** Runs the action as the caller and logs that it was handled. */
    private static ActionRoute.Action logged(ActionRoute.Action action) {
        return (request, call) -> {
            Actor actor = call.actor();
            Object reply = action.run(request, call);
            LOG.info("request handled", call.fields("userId", actor.userId()));
            return reply;
        };
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("listDevices", "");
    }
}
