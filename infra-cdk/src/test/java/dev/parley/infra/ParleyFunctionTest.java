package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ParleyFunctionTest {

    private static final List<String> WORKER_HANDLERS = List.of("PresenceWorkerHandler", "PushWorkerHandler",
            "FanOutWorkerHandler", "MediaProcessorHandler");
    private static final List<String> ROUTE_HANDLERS = List.of("ConnectHandler", "DisconnectHandler",
            "DefaultHandler", "SendMessageHandler", "ConversationsHandler", "DevicesHandler", "PingHandler",
            "SyncHandler", "ActivityHandler", "PresenceHandler", "PushHandler", "MediaHandler");
    private static final List<String> HANDLERS = Stream.of(List.of("AuthorizerHandler", "UserPoolTriggerHandler"), ROUTE_HANDLERS, WORKER_HANDLERS)
            .flatMap(List::stream)
            .toList();

    private final SynthesizedParley parley = parley();

    @Test
    void there_is_one_function_per_handler_class() {
        assertThat(parley.javaFunctions())
                .map(id -> parley.properties(id).get("Handler"))
                .containsExactlyInAnyOrderElementsOf(HANDLERS.stream()
                        .map(h -> (h.equals("MediaProcessorHandler") ? SynthesizedParley.MEDIA_HANDLERS
                                : SynthesizedParley.HANDLERS) + h)
                        .toList());
    }

    @Test
    void the_only_other_functions_are_the_cdks_deploy_time_helpers() {
        List<String> others = parley.idsOfType("AWS::Lambda::Function").stream()
                .filter(id -> !parley.javaFunctions().contains(id))
                .toList();
        // S3 bucket notifications (CDK's own) and the media URL signing key.
        assertThat(others).hasSize(2).allSatisfy(id ->
                assertThat(parley.properties(id).get("Handler")).isEqualTo("index.handler"));
    }

    @Test
    void every_function_runs_java_21_on_arm64_with_snapstart_on_published_versions() {
        Map<String, Object> expected = Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        for (String handler : HANDLERS) {
            Map<String, Object> function = parley.properties(parley.functionWithHandler(handler));
            assertThat(function).as(handler).containsAllEntriesOf(expected)
                    .containsEntry("MemorySize", handler.equals("MediaProcessorHandler") ? 1536 : 1024);
            assertThat(asMap(asMap(function.get("Environment")).get("Variables"))).as(handler)
                    .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dhttp.maxConnections=256");
        }
    }

    @Test
    void route_functions_may_run_as_long_as_api_gateway_waits_for_them() {
        for (String handler : ROUTE_HANDLERS) {
            assertThat(parley.properties(parley.functionWithHandler(handler))).as(handler).containsEntry("Timeout", 29);
        }
    }

    @Test
    void queue_workers_may_run_a_minute_per_batch() {
        for (String handler : WORKER_HANDLERS) {
            assertThat(parley.properties(parley.functionWithHandler(handler))).as(handler).containsEntry("Timeout", 60);
        }
    }

    @Test
    void every_function_is_reached_through_an_alias_named_live_on_a_published_version() {
        for (String handler : HANDLERS) {
            String function = parley.functionWithHandler(handler);
            List<String> aliases = parley.idsOfType("AWS::Lambda::Alias").stream()
                    .filter(alias -> parley.referencedIds(parley.properties(alias).get("FunctionName")).contains(function))
                    .toList();
            assertThat(aliases).as("aliases of %s", handler).hasSize(1);

            Map<String, Object> alias = parley.properties(aliases.get(0));
            assertThat(alias).containsEntry("Name", "live");
            String version = parley.referencedResourceOfType(alias.get("FunctionVersion"), "AWS::Lambda::Version");
            assertThat(parley.referencedIds(parley.properties(version).get("FunctionName"))).containsExactly(function);
        }
    }

    @Test
    void the_authorizer_is_told_which_user_pool_and_app_clients_to_trust() {
        Map<String, Object> variables = parley.environmentOf("AuthorizerHandler");

        assertThat(parley.referencedResourceOfType(variables.get("USER_POOL_ID"), "AWS::Cognito::UserPool")).isNotNull();
        assertThat(parley.referencedIds(variables.get("APP_CLIENT_IDS")))
                .containsExactlyInAnyOrderElementsOf(parley.idsOfType("AWS::Cognito::UserPoolClient"));
        assertThat(variables).doesNotContainKey("CONNECTIONS_TABLE");
    }

    @Test
    void functions_that_touch_connections_are_told_the_connections_table() {
        Map<String, String> connections = Map.of("Ref", parley.tableKeyedBy("userId"));
        for (String handler : List.of("ConnectHandler", "DisconnectHandler", "SendMessageHandler",
                "ConversationsHandler", "ActivityHandler", "PresenceHandler", "PresenceWorkerHandler",
                "PushWorkerHandler", "FanOutWorkerHandler", "MediaProcessorHandler")) {
            assertThat(parley.environmentOf(handler)).as(handler).containsEntry("CONNECTIONS_TABLE", connections);
        }
    }

    @Test
    void each_function_is_told_exactly_the_tables_it_uses() {
        Map<String, String> messages = Map.of("Ref", parley.tableKeyedBy("conversationId", "seq"));
        Map<String, String> memberships = Map.of("Ref", parley.tableKeyedBy("userId", "conversationId"));
        Map<String, String> users = Map.of("Ref", parley.tableKeyedBy("username"));
        Map<String, String> rateLimits = Map.of("Ref", parley.tableKeyedBy("key"));

        assertThat(parley.environmentOf("ConnectHandler")).containsEntry("USERS_TABLE", users)
                .doesNotContainKeys("MESSAGES_TABLE", "MEMBERSHIPS_TABLE");
        assertThat(parley.environmentOf("SendMessageHandler")).containsEntry("MESSAGES_TABLE", messages)
                .containsEntry("MEMBERSHIPS_TABLE", memberships)
                .containsEntry("DEVICES_TABLE", Map.of("Ref", parley.tableKeyedBy("userId", "deviceId")))
                .doesNotContainKeys("USERS_TABLE", "RATE_LIMITS_TABLE");
        assertThat(parley.environmentOf("ConversationsHandler")).containsEntry("MESSAGES_TABLE", messages)
                .containsEntry("MEMBERSHIPS_TABLE", memberships)
                .containsEntry("USERS_TABLE", users)
                .containsEntry("RATE_LIMITS_TABLE", rateLimits);
        assertThat(parley.environmentOf("PingHandler")).containsOnlyKeys("JAVA_TOOL_OPTIONS");
    }

    @Test
    void functions_that_post_events_are_told_the_stages_management_endpoint() {
        Object stageCallbackUrl = template().findOutputs("ConnectionsEndpoint").get("ConnectionsEndpoint").get("Value");
        assertThat(SynthesizedParley.joinedText(stageCallbackUrl)).startsWith("https://").contains(".execute-api.")
                .endsWith("/prod");
        for (String handler : List.of("SendMessageHandler", "ConversationsHandler", "ActivityHandler",
                "PresenceWorkerHandler", "MediaProcessorHandler")) {
            assertThat(parley.environmentOf(handler).get("APIGW_MANAGEMENT_ENDPOINT")).as(handler).isEqualTo(stageCallbackUrl);
        }
    }

    @Test
    void every_function_logs_as_json_to_its_own_log_group_kept_for_a_week() {
        List<String> logGroups = parley.idsOfType("AWS::Logs::LogGroup");
        // One per function, plus the signing key provider's and the stage's access log.
        assertThat(logGroups).hasSize(HANDLERS.size() + 2);
        template().allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));

        for (String handler : HANDLERS) {
            Map<String, Object> logging = asMap(parley.properties(parley.functionWithHandler(handler)).get("LoggingConfig"));
            assertThat(logging).containsEntry("LogFormat", "JSON");
            assertThat(parley.referencedResourceOfType(logging.get("LogGroup"), "AWS::Logs::LogGroup")).isIn(logGroups);
        }
    }

    @Test
    void xray_active_tracing_is_off_by_default_and_on_for_every_function_with_context_tracing_true() {
        for (String handler : HANDLERS) {
            assertThat(parley.properties(parley.functionWithHandler(handler))).as(handler).doesNotContainKey("TracingConfig");
        }
        SynthesizedParley traced = SynthesizedParley.of(SynthesizedParley.templateWith(Map.of(ParleyFunction.TRACING, "true")));
        for (String handler : HANDLERS) {
            String function = traced.functionWithHandler(handler);
            assertThat(traced.properties(function)).as(handler).containsEntry("TracingConfig", Map.of("Mode", "Active"));
            assertThat(traced.statementsOf(function)).as(handler).anySatisfy(statement ->
                    assertThat(SynthesizedParley.asStrings(statement.get("Action"))).contains("xray:PutTraceSegments"));
        }
    }
}
