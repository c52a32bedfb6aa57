package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asList;
import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The data, identity, permissions and outputs of the stack. Routes and functions have their own tests. */
class ParleyStackTest {

    private final SynthesizedParley parley = parley();

    @Test
    void connections_are_kept_per_user_on_demand_and_expire_through_ttl() {
        Map<String, Object> connections = parley.properties(parley.tableKeyedBy("userId"));

        assertThat(connections).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("AttributeDefinitions", List.of(Map.of("AttributeName", "userId", "AttributeType", "S")))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
    }

    @Test
    void messages_are_ordered_by_sequence_number_within_their_conversation() {
        Map<String, Object> messages = parley.properties(parley.tableKeyedBy("conversationId", "seq"));

        assertThat(messages).as("sent records, which make sends idempotent for 24 h, expire through TTL")
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true));

        assertThat(messages).containsEntry("KeySchema", List.of(
                Map.of("AttributeName", "conversationId", "KeyType", "HASH"),
                Map.of("AttributeName", "seq", "KeyType", "RANGE")));
        assertThat(asList(messages.get("AttributeDefinitions"))).containsExactlyInAnyOrder(
                Map.of("AttributeName", "conversationId", "AttributeType", "S"),
                Map.of("AttributeName", "seq", "AttributeType", "N"));
    }

    @Test
    void memberships_are_kept_per_user_and_conversation_and_users_by_username() {
        Map<String, Object> memberships = parley.properties(parley.tableKeyedBy("userId", "conversationId"));
        assertThat(asList(memberships.get("AttributeDefinitions"))).containsExactlyInAnyOrder(
                Map.of("AttributeName", "userId", "AttributeType", "S"),
                Map.of("AttributeName", "conversationId", "AttributeType", "S"));

        assertThat(parley.properties(parley.tableKeyedBy("username")))
                .containsEntry("AttributeDefinitions", List.of(Map.of("AttributeName", "username", "AttributeType", "S")));
    }

    @Test
    void every_table_is_on_demand_and_the_durable_ones_have_point_in_time_recovery() {
        template().resourceCountIs("AWS::DynamoDB::Table", 9);
        template().allResourcesProperties("AWS::DynamoDB::Table", Map.of("BillingMode", "PAY_PER_REQUEST"));
        for (String table : durableTables()) {
            assertThat(parley.properties(table)).as(table)
                    .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
        }
    }

    @Test
    void rate_limit_counters_expire_through_ttl_and_are_not_backed_up() {
        Map<String, Object> rateLimits = parley.properties(parley.tableKeyedBy("key"));

        assertThat(rateLimits).containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
                .doesNotContainKey("PointInTimeRecoverySpecification");
    }

    @Test
    void viewers_expire_through_ttl_and_are_not_backed_up() {
        Map<String, Object> viewers = parley.properties(parley.tableKeyedBy("conversationId", "entry"));

        assertThat(viewers).containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
                .doesNotContainKey("PointInTimeRecoverySpecification");
    }

    @Test
    void data_survives_deleting_the_stack_by_default() {
        Map<String, Map<String, Object>> tables = template().findResources("AWS::DynamoDB::Table");
        for (String table : durableTables()) {
            assertThat(tables.get(table)).as(table).containsEntry("DeletionPolicy", "Retain");
        }
        template().hasResource("AWS::Cognito::UserPool", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void only_administrators_create_users_who_sign_in_by_username_or_email() {
        template().resourceCountIs("AWS::Cognito::UserPool", 1);
        template().hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                "AliasAttributes", List.of("email"),
                "AccountRecoverySetting", Map.of("RecoveryMechanisms",
                        List.of(Map.of("Name", "verified_email", "Priority", 1))),
                "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of(
                        "MinimumLength", 12,
                        "RequireLowercase", true,
                        "RequireUppercase", true,
                        "RequireNumbers", true)))));
    }

    @Test
    void the_tooling_app_client_keeps_its_logical_id_is_public_and_does_not_reveal_which_users_exist() {
        // local-env and the integration tests sign in through it: first client, same logical id.
        String client = parley.idsOfType("AWS::Cognito::UserPoolClient").get(0);
        assertThat(client).isEqualTo("IdentityUserPoolAppClientCFFB7503");
        assertThat(parley.properties(client))
                .containsEntry("GenerateSecret", false)
                .containsEntry("PreventUserExistenceErrors", "ENABLED");
        assertThat(asStrings(parley.properties(client).get("ExplicitAuthFlows")))
                .contains("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH");
    }

    @Test
    void connect_and_disconnect_may_write_the_connections_table() {
        String table = parley.tableKeyedBy("userId");
        for (String handler : List.of("ConnectHandler", "DisconnectHandler")) {
            assertThat(parley.actionsAllowedOn(parley.functionWithHandler(handler), table))
                    .as(handler)
                    .contains("dynamodb:UpdateItem");
        }
    }

    @Test
    void connect_may_upsert_the_user_into_the_directory_and_nothing_else_may_write_it() {
        String users = parley.tableKeyedBy("username");

        assertThat(parley.actionsAllowedOn(parley.functionWithHandler("ConnectHandler"), users))
                .containsExactly("dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(parley.functionWithHandler("ConversationsHandler"), users))
                .containsExactly("dynamodb:BatchGetItem");
    }

    @Test
    void the_default_route_which_only_answers_with_an_error_frame_has_no_permissions() {
        String function = parley.functionWithHandler("DefaultHandler");

        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId"))).isEmpty();
        assertThat(parley.actionsAllowedOn(function, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0))).isEmpty();
    }

    @Test
    void a_send_may_query_and_append_messages_move_members_cursors_read_connections_and_push_summaries_and_post_and_nothing_more() {
        String function = parley.functionWithHandler("SendMessageHandler");

        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("conversationId", "seq")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:PutItem", "dynamodb:GetItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId")))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(function, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
        // A large conversation's send reads the sender's row (GetItem, a consistent BatchGetItem on a miss).
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId", "conversationId")))
                .containsExactlyInAnyOrder("dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId", "deviceId")))
                .containsExactly("dynamodb:BatchGetItem");
        for (String other : List.of(parley.tableKeyedBy("username"), parley.tableKeyedBy("key"))) {
            assertThat(parley.actionsAllowedOn(function, other)).as(other).isEmpty();
        }
    }

    @Test
    void conversations_may_change_messages_and_memberships_count_lookups_and_post_events() {
        String function = parley.functionWithHandler("ConversationsHandler");

        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("conversationId", "seq")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId", "conversationId")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:PutItem",
                        "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("key"))).containsExactly("dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("userId")))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(function, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
    }

    @Test
    void no_function_may_scan_or_read_a_whole_table_in_any_way() {
        for (Map<String, Object> statement : parley.everyPolicyStatement()) {
            assertThat(asStrings(statement.get("Action"))).as("%s", statement)
                    .doesNotContain("dynamodb:Scan", "dynamodb:*", "*");
        }
    }

    @Test
    void the_authorizer_may_only_batch_read_revocations_and_ping_has_no_data_access() {
        String authorizer = parley.functionWithHandler("AuthorizerHandler");
        assertThat(parley.statementsOf(authorizer)).hasSize(1);
        assertThat(parley.actionsAllowedOn(authorizer, parley.tableKeyedBy("userId", "deviceId")))
                .containsExactly("dynamodb:BatchGetItem");
        assertThat(parley.statementsOf(parley.functionWithHandler("PingHandler"))).isEmpty();
    }

    @Test
    void no_policy_allows_dynamodb_actions_on_every_resource() {
        for (Map<String, Object> statement : parley.everyPolicyStatement()) {
            if (asStrings(statement.get("Action")).stream().anyMatch(action -> action.startsWith("dynamodb:"))) {
                assertThat(asList(statement.get("Resource"))).as("%s", statement).doesNotContain("*");
            }
        }
    }

    @Test
    void no_resource_has_a_hard_coded_physical_name_so_stacks_can_coexist() {
        Map<String, String> nameProperties = Map.of(
                "AWS::DynamoDB::Table", "TableName",
                "AWS::Lambda::Function", "FunctionName",
                "AWS::Cognito::UserPool", "UserPoolName",
                "AWS::Cognito::UserPoolClient", "ClientName",
                "AWS::IAM::Role", "RoleName",
                "AWS::Logs::LogGroup", "LogGroupName");
        nameProperties.forEach((type, property) -> {
            assertThat(parley.idsOfType(type)).as(type).isNotEmpty();
            parley.idsOfType(type).forEach(id ->
                    assertThat(parley.properties(id)).as(id).doesNotContainKey(property));
        });
    }

    @Test
    void the_stack_outputs_what_clients_and_tools_need_to_connect() {
        Map<String, Map<String, Object>> outputs = template().findOutputs("*");
        assertThat(outputs).containsOnlyKeys(
                "WebSocketUrl", "ConnectionsEndpoint", "UserPoolId", "UserPoolClientId",
                "WebClientId", "IosClientId", "AndroidClientId", "MediaCdnDomain", "MediaCdnTarget", "Region",
                "AlarmTopicArn");

        assertThat(SynthesizedParley.joinedText(outputs.get("WebSocketUrl").get("Value"))).startsWith("wss://").contains(".execute-api.").endsWith("/prod");
        assertThat(SynthesizedParley.joinedText(outputs.get("ConnectionsEndpoint").get("Value"))).startsWith("https://").endsWith("/prod");
        assertThat(outputs.get("Region").get("Value")).isEqualTo(Map.of("Ref", "AWS::Region"));
    }

    @Test
    void the_template_has_no_circular_dependency_so_cloudformation_can_deploy_it() {
        Map<String, Integer> state = new HashMap<>();
        for (String resource : parley.resourceIds()) {
            assertThat(cycleThrough(resource, state, new ArrayDeque<>())).as("dependency cycle").isEmpty();
        }
    }

    /** The logical ids of durable tables: every table but RateLimits. */
    /** Every table but the rate-limit counters and the viewers (views and removal markers that end within minutes). */
    private List<String> durableTables() {
        List<String> ephemeral = List.of(parley.tableKeyedBy("key"), parley.tableKeyedBy("conversationId", "entry"));
        return parley.idsOfType("AWS::DynamoDB::Table").stream().filter(id -> !ephemeral.contains(id)).toList();
    }

    /** Depth-first search; state 1 = on the current path, 2 = done. Returns the cycle's path, if any. */
    private List<String> cycleThrough(String resource, Map<String, Integer> state, Deque<String> path) {
        if (state.getOrDefault(resource, 0) == 2) {
            return List.of();
        }
        path.addLast(resource);
        if (state.getOrDefault(resource, 0) == 1) {
            return List.copyOf(path);
        }
        state.put(resource, 1);
        for (String dependency : parley.dependenciesOf(resource)) {
            List<String> cycle = cycleThrough(dependency, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        state.put(resource, 2);
        path.removeLast();
        return List.of();
    }
}
