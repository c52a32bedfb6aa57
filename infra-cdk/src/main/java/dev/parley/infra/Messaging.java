package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.KEYS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEDIA_TABLE;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.PUSH_QUEUE_URL;
import static dev.parley.infra.FunctionEnvironment.FANOUT_QUEUE_URL;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.constructs.Construct;

/**
 * The messaging family: sendMessage, which stores a message, fans it out to the members' live
 * connections and hands offline devices to the push worker. Its function was created at stack level
 * before the family existed and keeps those logical ids ({@link LogicalIds}).
 */
public final class Messaging extends Construct implements LogicalIds.Scope {

    static final String ROUTE = "sendMessage";

    /**
     * @param pushQueue where a send enqueues a push job for offline devices
     * @param mediaTable the Media table, read when a message carries media
     */
    public record Props(Backend backend, WorkQueue pushQueue, ITable mediaTable, WorkQueue fanOutQueue) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(pushQueue, "pushQueue");
            Objects.requireNonNull(fanOutQueue, "fanOutQueue");
            Objects.requireNonNull(mediaTable, "mediaTable");
        }
    }

    private final ParleyFunction sendMessage;

    public Messaging(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();
        var connections = backend.connections();

        sendMessage = backend.routeFunction(this, "SendMessageFunction", "SendMessageHandler", Map.of(
                MESSAGES_TABLE, tables.messages().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, tables.devices().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint(),
                PUSH_QUEUE_URL, props.pushQueue().queue().getQueueUrl(),
                MEDIA_TABLE, props.mediaTable().getTableName(),
                KEYS_TABLE, tables.keys().getTableName(),
                FANOUT_QUEUE_URL, props.fanOutQueue().queue().getQueueUrl()));
        backend.gateway().addRoute(ROUTE, sendMessage.alias());

        // A send: one Query (header + latest messages), one conditional PutItem, then fan-out.
        tables.messages().grant(sendMessage.alias(), "dynamodb:Query", "dynamodb:PutItem");
        // Then one conditional UpdateItem per member row (lastSeq, updatedAt), and a push job only
        // when a registered device is offline: the members' #push summaries come from the devices
        // table in the same BatchGetItem as their connections.
        tables.memberships().grant(sendMessage.alias(), "dynamodb:UpdateItem");
        props.pushQueue().queue().grantSendMessages(sendMessage.alias());
        // A large conversation: the sender's row (GetItem; a miss confirmed by a consistent
        // BatchGetItem), the stored message read back for a retry (GetItem), one fan-out job.
        tables.memberships().grant(sendMessage.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem");
        tables.messages().grant(sendMessage.alias(), "dynamodb:GetItem");
        props.fanOutQueue().queue().grantSendMessages(sendMessage.alias());
        connections.grant(sendMessage.alias(), Connections.FAN_OUT_ACTIONS);
        tables.devices().grant(sendMessage.alias(), "dynamodb:BatchGetItem");
        backend.gateway().api().grantManageConnections(sendMessage.alias());
        // A send in an E2EE conversation reads each member's devices with keys (one consistent Query per user).
        tables.keys().grant(sendMessage.alias(), "dynamodb:Query");
        // A send with media resolves its ids in one consistent BatchGetItem (only when media is present).
        props.mediaTable().grant(sendMessage.alias(), "dynamodb:BatchGetItem");
    }

    public ParleyFunction sendMessage() {
        return sendMessage;
    }

    @Override
    public Optional<String> logicalIdComponent() {
        return Optional.empty();
    }
}
