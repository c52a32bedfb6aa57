package dev.parley.infra;

import static dev.parley.infra.ParleyStack.CONNECTIONS_TABLE;
import static dev.parley.infra.ParleyStack.DEVICES_TABLE;
import static dev.parley.infra.ParleyStack.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.ParleyStack.MEMBERSHIPS_TABLE;
import static dev.parley.infra.ParleyStack.MESSAGES_TABLE;
import static dev.parley.infra.ParleyStack.RATE_LIMITS_TABLE;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * Offline and multi-device sync, receipts, typing and presence (docs/protocol.md): three route
 * functions and the presence worker that $connect and $disconnect feed through {@link WorkQueue}.
 * Every grant is the calls the function makes, on the tables it makes them on; no Scan.
 */
public final class SyncAndPresence extends Construct {

    static final List<String> SYNC_ROUTES = List.of("sync", "history");
    static final List<String> ACTIVITY_ROUTES = List.of("markDelivered", "markRead", "typing");
    static final List<String> PRESENCE_ROUTES = List.of("getPresence", "getSettings", "updateSettings");

    /** Online/offline transitions are independent: no reason to wait for a fuller batch. */
    static final int PRESENCE_BATCH_SIZE = 10;
    static final Duration PRESENCE_BATCHING_WINDOW = Duration.seconds(0);

    private final ParleyFunction presenceWorker;

    public SyncAndPresence(Construct scope, String id, Backend backend, WorkQueue presenceQueue) {
        super(scope, id);
        var tables = backend.tables();
        var connections = backend.connections();
        var api = backend.gateway().api();

        var sync = backend.routeFunction(this, "SyncFunction", "SyncHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                DEVICES_TABLE, tables.devices().getTableName()));
        var activity = backend.routeFunction(this, "ActivityFunction", "ActivityHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                RATE_LIMITS_TABLE, tables.rateLimits().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        var presence = backend.routeFunction(this, "PresenceFunction", "PresenceHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, tables.devices().getTableName()));
        presenceWorker = backend.workerFunction(this, "PresenceWorkerFunction", "PresenceWorkerHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, tables.devices().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        SYNC_ROUTES.forEach(route -> backend.gateway().addRoute(route, sync.alias()));
        ACTIVITY_ROUTES.forEach(route -> backend.gateway().addRoute(route, activity.alias()));
        PRESENCE_ROUTES.forEach(route -> backend.gateway().addRoute(route, presence.alias()));
        presenceQueue.feed(presenceWorker.alias(), PRESENCE_BATCH_SIZE, PRESENCE_BATCHING_WINDOW);

        // sync: Query the user's memberships, BatchGet the changed conversations' headers and the
        // other members' cursors (receipts), Query each changed conversation's messages, GetItem the
        // calling device (push registration). history: membership GetItem, then a Query.
        tables.memberships().grant(sync.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        tables.messages().grant(sync.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        tables.devices().grant(sync.alias(), "dynamodb:GetItem");

        // markDelivered/markRead: conditional UpdateItem of the caller's row, a consistent GetItem
        // when the condition fails, the header and the true tail from Messages. typing: the header.
        // Both post events (fan-out reads connections, removes gone ones); typing is rate-limited.
        tables.memberships().grant(activity.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        tables.messages().grant(activity.alias(), "dynamodb:GetItem", "dynamodb:Query");
        tables.rateLimits().grant(activity.alias(), "dynamodb:UpdateItem");
        connections.grant(activity.alias(), ParleyStack.FAN_OUT_ON_CONNECTIONS);
        api.grantManageConnections(activity.alias());

        // getPresence: the caller's conversations (Query) and their headers (BatchGet) give the
        // contacts; BatchGet their connections and their #presence/#settings items.
        // get/updateSettings: GetItem/UpdateItem of the caller's #settings item.
        tables.memberships().grant(presence.alias(), "dynamodb:Query");
        tables.messages().grant(presence.alias(), "dynamodb:BatchGetItem");
        connections.grant(presence.alias(), "dynamodb:BatchGetItem");
        tables.devices().grant(presence.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");

        // The worker: is the user still connected (GetItem), conditional UpdateItem of #presence,
        // the #settings item (hidden?), contacts as above, and fan-out of the presence event.
        tables.memberships().grant(presenceWorker.alias(), "dynamodb:Query");
        tables.messages().grant(presenceWorker.alias(), "dynamodb:BatchGetItem");
        connections.grant(presenceWorker.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        tables.devices().grant(presenceWorker.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        api.grantManageConnections(presenceWorker.alias());
    }

    public ParleyFunction presenceWorker() {
        return presenceWorker;
    }
}
