package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * The presence family (docs/protocol.md): getPresence and the presence settings, and the worker that
 * $connect and $disconnect feed through {@link WorkQueue}. Its functions were created in the sync
 * family before this one existed, and keep those logical ids ({@link LogicalIds}).
 */
public final class Presence extends Construct implements LogicalIds.Scope {

    static final List<String> ROUTES = List.of("getPresence", "getSettings", "updateSettings");

    /** Online/offline transitions are independent: no reason to wait for a fuller batch. */
    static final int BATCH_SIZE = 10;
    static final Duration BATCHING_WINDOW = Duration.seconds(0);

    /** Where the ids of this family's resources were computed: under the sync family's id. */
    static final String LOGICAL_ID_COMPONENT = "Sync";

    /** @param presenceQueue the transitions $connect and $disconnect enqueue */
    public record Props(Backend backend, WorkQueue presenceQueue) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(presenceQueue, "presenceQueue");
        }
    }

    private final ParleyFunction worker;

    public Presence(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();
        var connections = backend.connections();

        var presence = backend.routeFunction(this, "PresenceFunction", "PresenceHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, tables.devices().getTableName()));
        worker = backend.workerFunction(this, "PresenceWorkerFunction", "PresenceWorkerHandler", Map.of(
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, tables.devices().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, presence.alias()));
        props.presenceQueue().feed(worker.alias(), BATCH_SIZE, BATCHING_WINDOW);

        // getPresence: the caller's conversations (Query) and their headers (BatchGet) give the
        // contacts; BatchGet their connections and their #presence/#settings items.
        // get/updateSettings: GetItem/UpdateItem of the caller's #settings item.
        tables.memberships().grant(presence.alias(), "dynamodb:Query");
        tables.messages().grant(presence.alias(), "dynamodb:BatchGetItem");
        connections.grant(presence.alias(), "dynamodb:BatchGetItem");
        tables.devices().grant(presence.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");

        // The worker: is the user still connected (GetItem), conditional UpdateItem of #presence,
        // the #settings item (hidden?), contacts as above, and fan-out of the presence event.
        tables.memberships().grant(worker.alias(), "dynamodb:Query");
        tables.messages().grant(worker.alias(), "dynamodb:BatchGetItem");
        connections.grant(worker.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        tables.devices().grant(worker.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        backend.gateway().api().grantManageConnections(worker.alias());
    }

    public ParleyFunction worker() {
        return worker;
    }

    @Override
    public Optional<String> logicalIdComponent() {
        return Optional.of(LOGICAL_ID_COMPONENT);
    }
}
