package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.USER_POOL_ID;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.constructs.Construct;

/**
 * The devices family: listing a user's devices, revoking one, signing out everywhere. Its function
 * was created at stack level before the family existed and keeps those logical ids
 * ({@link LogicalIds}). Registering a device for push is the {@link Push} family's.
 */
public final class Devices extends Construct implements LogicalIds.Scope {

    /** The actions the Devices function serves, one route each. */
    static final List<String> ROUTES = List.of("listDevices", "revokeDevice", "signOutEverywhere");

    /**
     * @param userPool where signOutEverywhere signs the user out globally
     * @param pushPlatforms whose endpoint of a revoked device is deleted
     */
    public record Props(Backend backend, IUserPool userPool, PushPlatforms pushPlatforms) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(userPool, "userPool");
            Objects.requireNonNull(pushPlatforms, "pushPlatforms");
        }
    }

    private final ParleyFunction function;

    public Devices(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var devices = backend.tables().devices();

        function = backend.routeFunction(this, "DevicesFunction", "DevicesHandler", Map.of(
                DEVICES_TABLE, devices.getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName(),
                USER_POOL_ID, props.userPool().getUserPoolId(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, function.alias()));

        // listDevices: Query the user's devices and GetItem their connections. revokeDevice:
        // conditional UpdateItem of revokedAt, then @connections DELETE of the device's sockets.
        // signOutEverywhere: Cognito global sign-out (kills refresh tokens), PutItem of the
        // user-wide revocation, DELETE of every other socket. UpdateItem on Connections removes
        // sockets @connections answers 410 for.
        devices.grant(function.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                "dynamodb:PutItem");
        backend.connections().grant(function.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        backend.gateway().api().grantManageConnections(function.alias());
        props.userPool().grant(function.alias(), "cognito-idp:AdminUserGlobalSignOut");
        // Revoking a device deletes its push endpoint.
        props.pushPlatforms().grantDeleteEndpoints(function.alias());
    }

    public ParleyFunction function() {
        return function;
    }

    @Override
    public Optional<String> logicalIdComponent() {
        return Optional.empty();
    }
}
