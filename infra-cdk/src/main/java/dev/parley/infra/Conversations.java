package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.VIEWERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.RATE_LIMITS_TABLE;
import static dev.parley.infra.FunctionEnvironment.USERS_TABLE;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The conversations family: finding users, creating and reading conversations, and changing their
 * members. Its function was created at stack level before the family existed and keeps those logical
 * ids ({@link LogicalIds}).
 */
public final class Conversations extends Construct implements LogicalIds.Scope {

    /** The actions the Conversations function serves, one route each. */
    static final List<String> ROUTES = List.of("findUsers", "createConversation", "getConversation",
            "listConversations", "addMembers", "removeMembers", "leaveConversation", "listMembers", "setRole", "updateGroup",
            "createInvite", "joinByInvite", "revokeInvite", "listInvites");

    public record Props(Backend backend) {
        public Props {
            Objects.requireNonNull(backend, "backend");
        }
    }

    private final ParleyFunction function;

    public Conversations(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();

        function = backend.routeFunction(this, "ConversationsFunction", "ConversationsHandler", Map.of(
                MESSAGES_TABLE, tables.messages().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                USERS_TABLE, tables.users().getTableName(),
                RATE_LIMITS_TABLE, tables.rateLimits().getTableName(),
                VIEWERS_TABLE, tables.viewers().getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint()));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, function.alias()));

        // Membership changes are transactions over the header and the members' rows, which need
        // the per-item actions (PutItem, UpdateItem, DeleteItem) on both tables; only what is used.
        // BatchGetItem: a large group's leavers' rows and read-count shards, read before their take-back (ReadCountTakeBack).
        tables.messages().grant(function.alias(), "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem");
        // BatchGetItem: which of the named users are members of a large group (addMembers, removeMembers).
        tables.memberships().grant(function.alias(), "dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem",
                "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        tables.users().grant(function.alias(), "dynamodb:BatchGetItem");
        tables.rateLimits().grant(function.alias(), "dynamodb:UpdateItem");
        // A removal from a large group marks the user removed first (RecentRemovals).
        tables.viewers().grant(function.alias(), "dynamodb:BatchWriteItem");
        backend.connections().grant(function.alias(), Connections.FAN_OUT_ACTIONS);
        backend.gateway().api().grantManageConnections(function.alias());
    }

    public ParleyFunction function() {
        return function;
    }

    @Override
    public Optional<String> logicalIdComponent() {
        return Optional.empty();
    }
}
