package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.VIEWERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.RATE_LIMITS_TABLE;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The sync family (docs/protocol.md): offline and multi-device sync and history, and the read
 * cursors they return: delivery and read receipts, and typing. Every grant is the calls the function
 * makes, on the tables it makes them on; no Scan.
 */
public final class Sync extends Construct {

    static final List<String> SYNC_ROUTES = List.of("sync", "history");
    static final List<String> ACTIVITY_ROUTES = List.of("markDelivered", "markRead", "typing", "viewConversation", "readCounts");

    public record Props(Backend backend) {
        public Props {
            Objects.requireNonNull(backend, "backend");
        }
    }

    public Sync(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();

        var sync = backend.routeFunction(this, "SyncFunction", "SyncHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                DEVICES_TABLE, tables.devices().getTableName()));
        var activity = backend.routeFunction(this, "ActivityFunction", "ActivityHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName(),
                RATE_LIMITS_TABLE, tables.rateLimits().getTableName(),
                VIEWERS_TABLE, tables.viewers().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        SYNC_ROUTES.forEach(route -> backend.gateway().addRoute(route, sync.alias()));
        ACTIVITY_ROUTES.forEach(route -> backend.gateway().addRoute(route, activity.alias()));

        // sync: Query the user's memberships, BatchGet the changed conversations' headers and the
        // other members' cursors (receipts), Query each changed conversation's messages, GetItem the
        // calling device (push registration). history: membership GetItem, then a Query.
        tables.memberships().grant(sync.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        tables.messages().grant(sync.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        tables.devices().grant(sync.alias(), "dynamodb:GetItem");

        // markDelivered/markRead: conditional UpdateItem of the caller's row, a consistent GetItem
        // when the condition fails, the header and the true tail from Messages. typing: the header.
        // Both post events (fan-out reads connections, removes gone ones); typing is rate-limited.
        // viewConversation: the membership check (the conversation's tail), then one UpdateItem of the
        // caller's connections item, both within the grants above; its entry among the conversation's
        // viewers (PutItem), and the previous conversation's entry (DeleteItem) when it switched.
        tables.viewers().grant(activity.alias(), "dynamodb:PutItem", "dynamodb:DeleteItem");
        tables.memberships().grant(activity.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        // Read counts (large conversations): markRead moves the row's countedSeq with its readSeq (UpdateItem above)
        // and ADDs to one shard item in Messages (UpdateItem); readCounts reads the caller's row and
        // BatchGets the shards.
        tables.messages().grant(activity.alias(), "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem");
        tables.rateLimits().grant(activity.alias(), "dynamodb:UpdateItem");
        backend.connections().grant(activity.alias(), Connections.FAN_OUT_ACTIONS);
        backend.gateway().api().grantManageConnections(activity.alias());
    }
}
