package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's devices: the table, the Devices function and who may read or write revocations. */
class DevicesStackTest {

    private final SynthesizedParley parley = parley();

    @Test
    void devices_are_kept_per_user_and_device_on_demand_with_point_in_time_recovery() {
        Map<String, Object> devices = parley.properties(parley.tableKeyedBy("userId", "deviceId"));

        assertThat(devices).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("KeySchema", List.of(
                        Map.of("AttributeName", "userId", "KeyType", "HASH"),
                        Map.of("AttributeName", "deviceId", "KeyType", "RANGE")));
    }

    @Test
    void the_devices_function_knows_its_tables_the_user_pool_and_the_connections_endpoint() {
        String function = parley.functionWithHandler("DevicesHandler");

        assertThat(environmentOf(function)).containsKeys(
                "DEVICES_TABLE", "CONNECTIONS_TABLE", "USER_POOL_ID", "APIGW_MANAGEMENT_ENDPOINT");
        assertThat(parley.referencedIds(environmentOf(function).get("DEVICES_TABLE")))
                .containsExactly(parley.tableKeyedBy("userId", "deviceId"));
    }

    @Test
    void the_devices_function_may_read_revoke_and_delete_devices_close_connections_sign_the_user_out_and_delete_the_account() {
        String function = parley.functionWithHandler("DevicesHandler");

        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId", "deviceId")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem",
                        "dynamodb:DeleteItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(function, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
        assertThat(parley.actionsAllowedOn(function, parley.idsOfType("AWS::Cognito::UserPool").get(0)))
                .containsExactlyInAnyOrder("cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminDeleteUser");
        // deleteAccount: leaving every conversation, the directory entry, the uploads.
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("conversationId", "seq")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId", "conversationId")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("username"))).containsExactly("dynamodb:DeleteItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("mediaId")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:DeleteItem");
    }

    @Test
    void only_the_devices_function_may_sign_users_out_in_cognito() {
        String devices = parley.functionWithHandler("DevicesHandler");
        String role = parley.referencedResourceOfType(parley.properties(devices).get("Role"), "AWS::IAM::Role");
        for (String policy : parley.idsOfType("AWS::IAM::Policy")) {
            boolean signsOut = SynthesizedParley.asList(asMap(parley.properties(policy).get("PolicyDocument")).get("Statement"))
                    .stream()
                    .anyMatch(statement -> asStrings(asMap(statement).get("Action")).stream()
                            .anyMatch(action -> action.startsWith("cognito-idp:")));
            if (signsOut) {
                assertThat(parley.referencedIds(parley.properties(policy).get("Roles"))).as(policy).containsExactly(role);
            }
        }
    }

    @Test
    void connect_records_the_device_and_the_authorizer_reads_revocations_in_one_batch() {
        String devices = parley.tableKeyedBy("userId", "deviceId");
        String connect = parley.functionWithHandler("ConnectHandler");
        String authorizer = parley.functionWithHandler("AuthorizerHandler");

        assertThat(parley.actionsAllowedOn(connect, devices)).containsExactly("dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(authorizer, devices)).containsExactly("dynamodb:BatchGetItem");
        for (String function : List.of(connect, authorizer)) {
            assertThat(parley.referencedIds(environmentOf(function).get("DEVICES_TABLE"))).as(function)
                    .containsExactly(devices);
        }
    }

    private Map<String, Object> environmentOf(String function) {
        return asMap(asMap(parley.properties(function).get("Environment")).get("Variables"));
    }
}
