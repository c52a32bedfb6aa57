package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The data, identity, permissions and outputs of the stack. Routes and functions have their own tests. */
class ParleyStackTest {

    private final SynthesizedParley parley = parley();

    @Test
    void connections_are_kept_per_user_on_demand_and_expire_through_ttl() {
        template().resourceCountIs("AWS::DynamoDB::Table", 1);
        template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "userId", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "userId", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    }

    @Test
    void data_survives_deleting_the_stack_by_default() {
        template().hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
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
    void the_app_client_is_public_and_does_not_reveal_which_users_exist() {
        template().resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        template().hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "GenerateSecret", false,
                "PreventUserExistenceErrors", "ENABLED"));
        String client = parley.idsOfType("AWS::Cognito::UserPoolClient").get(0);
        assertThat(asStrings(parley.properties(client).get("ExplicitAuthFlows")))
                .contains("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH");
    }

    @Test
    void connect_and_disconnect_may_write_the_connections_table() {
        String table = parley.idsOfType("AWS::DynamoDB::Table").get(0);
        for (String handler : List.of("ConnectHandler", "DisconnectHandler")) {
            assertThat(parley.actionsAllowedOn(parley.functionWithHandler(handler), table))
                    .as(handler)
                    .contains("dynamodb:UpdateItem");
        }
    }

    @Test
    void the_default_route_may_read_connections_and_post_to_them() {
        String function = parley.functionWithHandler("DefaultHandler");
        String table = parley.idsOfType("AWS::DynamoDB::Table").get(0);
        String api = parley.idsOfType("AWS::ApiGatewayV2::Api").get(0);

        assertThat(parley.actionsAllowedOn(function, table)).contains("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(function, api)).containsExactly("execute-api:ManageConnections");
    }

    @Test
    void no_function_may_scan_the_connections_table() {
        String table = parley.idsOfType("AWS::DynamoDB::Table").get(0);
        for (String function : parley.idsOfType("AWS::Lambda::Function")) {
            assertThat(parley.actionsAllowedOn(function, table)).as(function).doesNotContain("dynamodb:Scan");
        }
    }

    @Test
    void the_authorizer_has_no_data_access() {
        assertThat(parley.statementsOf(parley.functionWithHandler("AuthorizerHandler"))).isEmpty();
    }

    @Test
    void no_policy_allows_dynamodb_actions_on_every_resource() {
        for (String policy : parley.idsOfType("AWS::IAM::Policy")) {
            Map<String, Object> document = asMap(parley.properties(policy).get("PolicyDocument"));
            for (Object statement : SynthesizedParley.asList(document.get("Statement"))) {
                Map<String, Object> allowed = asMap(statement);
                if (asStrings(allowed.get("Action")).stream().anyMatch(action -> action.startsWith("dynamodb:"))) {
                    assertThat(SynthesizedParley.asList(allowed.get("Resource"))).as(policy).doesNotContain("*");
                }
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
                "WebSocketUrl", "ConnectionsEndpoint", "UserPoolId", "UserPoolClientId", "Region");

        assertThat(joined(outputs, "WebSocketUrl")).startsWith("wss://").contains(".execute-api.").endsWith("/prod");
        assertThat(joined(outputs, "ConnectionsEndpoint")).startsWith("https://").endsWith("/prod");
        assertThat(outputs.get("Region").get("Value")).isEqualTo(Map.of("Ref", "AWS::Region"));
    }

    /** The literal parts of an output built with Fn::Join, to check its shape. */
    private static String joined(Map<String, Map<String, Object>> outputs, String name) {
        Map<String, Object> join = asMap(outputs.get(name).get("Value"));
        List<Object> parts = SynthesizedParley.asList(SynthesizedParley.asList(join.get("Fn::Join")).get(1));
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(part instanceof String literal ? literal : "{}"));
        return text.toString();
    }
}
