package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What presence (the {@link Presence} family) may touch: exactly the calls it makes, never a Scan. */
class PresenceTest {

    private final SynthesizedParley parley = parley();
    private final String messages = parley.tableKeyedBy("conversationId", "seq");
    private final String memberships = parley.tableKeyedBy("userId", "conversationId");
    private final String connections = parley.tableKeyedBy("userId");
    private final String devices = parley.tableKeyedBy("userId", "deviceId");

    @Test
    void presence_queries_read_contacts_and_only_write_the_callers_settings() {
        String presence = parley.functionWithHandler("PresenceHandler");

        assertThat(parley.actionsAllowedOn(presence, memberships)).containsExactly("dynamodb:Query");
        assertThat(parley.actionsAllowedOn(presence, messages)).containsExactly("dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(presence, connections)).containsExactly("dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(presence, devices))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(presence, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0))).isEmpty();
    }

    @Test
    void the_presence_worker_checks_connections_flips_presence_and_tells_contacts() {
        String worker = parley.functionWithHandler("PresenceWorkerHandler");

        assertThat(parley.actionsAllowedOn(worker, connections))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(worker, devices)).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(worker, memberships)).containsExactly("dynamodb:Query");
        assertThat(parley.actionsAllowedOn(worker, messages)).containsExactly("dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(worker, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
        assertThat(parley.environmentOf("PresenceWorkerHandler")).containsOnlyKeys("MEMBERSHIPS_TABLE", "MESSAGES_TABLE",
                "CONNECTIONS_TABLE", "DEVICES_TABLE", "APIGW_MANAGEMENT_ENDPOINT", "JAVA_TOOL_OPTIONS");
    }

    @Test
    void disconnect_is_told_the_devices_table_and_may_update_presence_only() {
        assertThat(parley.environmentOf("DisconnectHandler")).containsEntry("DEVICES_TABLE", Map.of("Ref", devices));
        assertThat(parley.actionsAllowedOn(parley.functionWithHandler("DisconnectHandler"), devices))
                .containsExactly("dynamodb:UpdateItem");
    }
}
