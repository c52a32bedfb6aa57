package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.KEYS_TABLE;
import static dev.parley.infra.FunctionEnvironment.PRESENCE_QUEUE_URL;
import static dev.parley.infra.FunctionEnvironment.RATE_LIMITS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEDIA_BUCKET;
import static dev.parley.infra.FunctionEnvironment.MEDIA_TABLE;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.VIEWERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.USERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.USER_POOL_ID;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.constructs.Construct;

/**
 * The devices family: listing a user's devices, revoking one, signing out everywhere, deleting the
 * account. Its function
 * was created at stack level before the family existed and keeps those logical ids
 * ({@link LogicalIds}). Registering a device for push is the {@link Push} family's.
 */
public final class Devices extends Construct implements LogicalIds.Scope {

    /** The actions the Devices function serves, one route each. */
    static final List<String> ROUTES = List.of("listDevices", "revokeDevice", "signOutEverywhere", "deleteAccount",
            "publishKeys", "getKeyCounts", "claimKeys", "getKeyLog");

    /**
     * @param userPool where signOutEverywhere signs the user out globally
     * @param pushPlatforms whose endpoint of a revoked device is deleted
     * @param media whose uploads deleteAccount deletes
     * @param presenceQueue whose worker tells a user's contacts that the user's devices changed (docs/e2ee.md)
     */
    public record Props(Backend backend, IUserPool userPool, PushPlatforms pushPlatforms, MediaStorage media,
                        WorkQueue presenceQueue) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(userPool, "userPool");
            Objects.requireNonNull(pushPlatforms, "pushPlatforms");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(presenceQueue, "presenceQueue");
        }
    }

    private final ParleyFunction function;

    public Devices(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();
        var devices = tables.devices();
        var media = props.media();

        function = backend.routeFunction(this, "DevicesFunction", "DevicesHandler", Map.ofEntries(
                Map.entry(KEYS_TABLE, tables.keys().getTableName()),
                Map.entry(RATE_LIMITS_TABLE, tables.rateLimits().getTableName()),
                Map.entry(PRESENCE_QUEUE_URL, props.presenceQueue().queue().getQueueUrl()),
                Map.entry(DEVICES_TABLE, devices.getTableName()),
                Map.entry(CONNECTIONS_TABLE, backend.connections().getTableName()),
                Map.entry(USER_POOL_ID, props.userPool().getUserPoolId()),
                Map.entry(MANAGEMENT_ENDPOINT, backend.managementEndpoint()),
                Map.entry(MESSAGES_TABLE, tables.messages().getTableName()),
                Map.entry(MEMBERSHIPS_TABLE, tables.memberships().getTableName()),
                Map.entry(USERS_TABLE, tables.users().getTableName()),
                Map.entry(VIEWERS_TABLE, tables.viewers().getTableName()),
                Map.entry(MEDIA_TABLE, media.table().getTableName()),
                Map.entry(MEDIA_BUCKET, media.bucket().getBucketName())));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, function.alias()));

        // listDevices: Query the user's devices and GetItem their connections. revokeDevice:
        // conditional UpdateItem of revokedAt, then @connections DELETE of the device's sockets.
        // signOutEverywhere: Cognito global sign-out (kills refresh tokens), PutItem of the
        // user-wide revocation, DELETE of every other socket. UpdateItem on Connections removes
        // sockets @connections answers 410 for.
        // deleteAccount (docs/identity.md, Deleting an account): DeleteItem of the user's items;
        // each leave is a transaction over the header (UpdateItem) and the membership rows (DeleteItem,
        // UpdateItem for an heir and the touches); the events fan out like the conversation routes';
        // the uploads are found on the media table's index, their objects and items deleted; the
        // directory entry goes, then the Cognito account.
        devices.grant(function.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                "dynamodb:PutItem", "dynamodb:DeleteItem");
        backend.connections().grant(function.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        backend.gateway().api().grantManageConnections(function.alias());
        props.userPool().grant(function.alias(), "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminDeleteUser");
        // BatchGetItem: a large group's membership check, and the leaver's row and read-count shard before the
        // take-back of their read position (ReadCountTakeBack).
        tables.messages().grant(function.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem");
        tables.memberships().grant(function.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:BatchGetItem");
        tables.users().grant(function.alias(), "dynamodb:DeleteItem");
        // deleteAccount leaves large groups: marked removed first (RecentRemovals).
        tables.viewers().grant(function.alias(), "dynamodb:BatchWriteItem");
        media.table().grant(function.alias(), "dynamodb:Query", "dynamodb:DeleteItem");
        media.grantObjects(function.alias(), MediaStorage.UPLOADS_PREFIX, "s3:DeleteObject");
        media.grantObjects(function.alias(), MediaStorage.MEDIA_PREFIX, "s3:DeleteObject");
        // The key directory (docs/e2ee.md): publishKeys allocates a device number (GetItem, UpdateItem,
        // conditional PutItem), installs a device's keys with its key log entry (TransactWriteItems),
        // writes one-time keys (BatchWriteItem) and recounts them (Query); claimKeys reads devices
        // (GetItem/Query), takes one-time keys (Query, conditional DeleteItem), updates counters
        // (UpdateItem) and counts claims in the rate limits table; revokeDevice removes the device's
        // keys (TransactWriteItems, Query, BatchWriteItem). Device changes go to the presence queue.
        tables.keys().grant(function.alias(), "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
        tables.rateLimits().grant(function.alias(), "dynamodb:UpdateItem");
        props.presenceQueue().queue().grantSendMessages(function.alias());
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
