package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What sync, history, receipts and typing (the {@link Sync} family) may touch: exactly the calls they make, never a Scan. */
class SyncTest {

    private final SynthesizedParley parley = parley();
    private final String messages = parley.tableKeyedBy("conversationId", "seq");
    private final String memberships = parley.tableKeyedBy("userId", "conversationId");
    private final String connections = parley.tableKeyedBy("userId");
    private final String devices = parley.tableKeyedBy("userId", "deviceId");
    private final String users = parley.tableKeyedBy("username");
    private final String rateLimits = parley.tableKeyedBy("key");

    @Test
    void sync_and_history_only_read_memberships_messages_and_the_calling_device() {
        String sync = parley.functionWithHandler("SyncHandler");

        assertThat(parley.actionsAllowedOn(sync, memberships))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(sync, messages))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(sync, devices)).containsExactly("dynamodb:GetItem");
        for (String other : List.of(connections, users, rateLimits)) {
            assertThat(parley.actionsAllowedOn(sync, other)).as(other).isEmpty();
        }
        assertThat(parley.environmentOf("SyncHandler")).containsOnlyKeys("MEMBERSHIPS_TABLE", "MESSAGES_TABLE",
                "DEVICES_TABLE", "JAVA_TOOL_OPTIONS");
    }

    @Test
    void receipts_and_typing_move_the_callers_cursors_count_typing_and_post_events() {
        String activity = parley.functionWithHandler("ActivityHandler");

        assertThat(parley.actionsAllowedOn(activity, memberships))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(activity, messages)).as("headers and tails; read count shards: ADD and BatchGet")
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(activity, rateLimits)).containsExactly("dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(activity, connections))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(activity, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
        assertThat(parley.actionsAllowedOn(activity, devices)).isEmpty();
    }
}
