package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asList;
import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on (docs/deploy.md): every alarm notifies the topic, the stage keeps
 * access logs and throttles, every queue refuses plain HTTP, every SQS worker has a concurrency cap,
 * and what holds user data refuses deletion on the prod stage.
 */
class OperationsTest {

    private final SynthesizedParley parley = parley();

    @Test
    void every_alarm_notifies_the_one_alarm_topic() {
        List<String> topics = parley.idsOfType("AWS::SNS::Topic");
        assertThat(topics).hasSize(1);
        List<String> alarms = parley.idsOfType("AWS::CloudWatch::Alarm");
        assertThat(alarms).isNotEmpty();
        for (String alarm : alarms) {
            Map<String, Object> properties = parley.properties(alarm);
            assertThat(asList(properties.get("AlarmActions"))).as(alarm).containsExactly(Map.of("Ref", topics.get(0)));
            assertThat(properties).as(alarm).containsEntry("TreatMissingData", "notBreaching")
                    .containsKey("AlarmDescription");
        }
    }

    @Test
    void each_function_is_alarmed_on_errors_and_throttles() {
        List<String> functions = parley.javaFunctions();
        for (String metric : List.of("Errors", "Throttles")) {
            List<String> watched = alarmsOn("AWS/Lambda", metric).stream()
                    .map(alarm -> parley.referencedResourceOfType(parley.properties(alarm).get("Dimensions"),
                            "AWS::Lambda::Function"))
                    .toList();
            assertThat(watched).as(metric).containsExactlyInAnyOrderElementsOf(functions);
        }
    }

    @Test
    void gateway_tables_queues_and_connections_throttling_are_alarmed() {
        String api = parley.idsOfType("AWS::ApiGatewayV2::Api").get(0);
        List<String> integration = alarmsOn("AWS/ApiGateway", "IntegrationError");
        assertThat(integration).hasSize(1);
        List<Object> dimensions = asList(parley.properties(integration.get(0)).get("Dimensions"));
        assertThat(dimensions).contains(Map.of("Name", "ApiId", "Value", Map.of("Ref", api)),
                Map.of("Name", "Stage", "Value", "prod"));

        // Parley's own metric, without dimensions, as the functions publish it.
        List<String> throttled = alarmsOn("Parley", "ConnectionsThrottled");
        assertThat(throttled).hasSize(1);
        assertThat(parley.properties(throttled.get(0))).doesNotContainKey("Dimensions");

        List<String> tablesWatched = parley.idsOfType("AWS::CloudWatch::Alarm").stream()
                .filter(alarm -> parley.properties(alarm).containsKey("Metrics"))
                .flatMap(alarm -> parley.referencedIds(parley.properties(alarm).get("Metrics")).stream())
                .filter(id -> parley.resourceIds().contains(id) && "AWS::DynamoDB::Table".equals(parley.typeOf(id)))
                .distinct()
                .toList();
        assertThat(tablesWatched).containsExactlyInAnyOrderElementsOf(parley.idsOfType("AWS::DynamoDB::Table"));

        List<String> aged = alarmsOn("AWS/SQS", "ApproximateAgeOfOldestMessage").stream()
                .map(alarm -> parley.referencedResourceOfType(parley.properties(alarm).get("Dimensions"), "AWS::SQS::Queue"))
                .toList();
        assertThat(aged).hasSize(5).noneMatch(queue -> queue.contains("DeadLetters"));
    }

    @Test
    void the_dashboard_shows_parleys_metrics_and_the_alarms() {
        List<String> dashboards = parley.idsOfType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = String.valueOf(parley.properties(dashboards.get(0)).get("DashboardBody"));
        assertThat(body).contains("[\"Parley\",\"MessagesStored\"", "\"SendLatency\",{\"period\":60,\"stat\":\"p99\"}",
                "\"p50\"", "\"Deliveries\"", "\"GoneConnections\"", "\"PushJobs\"", "\"MediaProcessed\"",
                "\"type\":\"alarm\"");
    }

    @Test
    void the_stage_logs_each_event_as_json_and_throttles_every_route() throws Exception {
        Map<String, Object> stage = parley.properties(parley.idsOfType("AWS::ApiGatewayV2::Stage").get(0));
        Map<String, Object> accessLog = asMap(stage.get("AccessLogSettings"));
        assertThat(parley.referencedResourceOfType(accessLog.get("DestinationArn"), "AWS::Logs::LogGroup")).isNotNull();
        Map<String, Object> format = new ObjectMapper().readValue((String) accessLog.get("Format"),
                new TypeReference<Map<String, Object>>() { });
        assertThat(format).containsEntry("connectionId", "$context.connectionId")
                .containsEntry("route", "$context.routeKey")
                .containsEntry("status", "$context.status")
                .containsEntry("latency", "$context.integrationLatency")
                .containsEntry("integrationError", "$context.integration.error");

        assertThat(asMap(stage.get("DefaultRouteSettings")))
                .containsEntry("LoggingLevel", "ERROR")
                .containsEntry("DataTraceEnabled", false)
                .containsEntry("ThrottlingRateLimit", 500)
                .containsEntry("ThrottlingBurstLimit", 1000);
        // Execution logging needs the account's API Gateway logging role, set before the stage.
        String account = parley.idsOfType("AWS::ApiGateway::Account").get(0);
        assertThat(parley.dependenciesOf(parley.idsOfType("AWS::ApiGatewayV2::Stage").get(0))).contains(account);
    }

    @Test
    void limits_and_concurrency_come_from_context() {
        var custom = SynthesizedParley.of(SynthesizedParley.templateWith(Map.of(
                DeploymentConfig.API_RATE_LIMIT, "50", DeploymentConfig.API_BURST_LIMIT, "80",
                DeploymentConfig.API_CLOUDWATCH_ROLE, "false",
                DeploymentConfig.WorkerConcurrency.MEDIA, "3", DeploymentConfig.WorkerConcurrency.FAN_OUT, "40",
                DeploymentConfig.WorkerConcurrency.ACTIVITY, "2", ParleyConfig.STAGE, "dev")));
        assertThat(asMap(custom.properties(custom.idsOfType("AWS::ApiGatewayV2::Stage").get(0)).get("DefaultRouteSettings")))
                .containsEntry("ThrottlingRateLimit", 50)
                .containsEntry("ThrottlingBurstLimit", 80);
        assertThat(custom.idsOfType("AWS::ApiGateway::Account")).isEmpty();
        assertThat(maximumConcurrency(custom)).containsEntry("MediaQueue", 3).containsEntry("PushQueue", 10)
                .containsEntry("FanOutQueue", 40).containsEntry("ActivityQueue", 2);
        // Not the prod stage: nothing refuses deletion.
        assertThat(custom.resourcesJson()).doesNotContain("DeletionProtection");
    }

    @Test
    void every_queue_refuses_requests_without_tls() {
        List<String> queues = parley.idsOfType("AWS::SQS::Queue");
        assertThat(queues).hasSize(10);
        for (String queue : queues) {
            List<Map<String, Object>> denials = parley.idsOfType("AWS::SQS::QueuePolicy").stream()
                    .filter(policy -> parley.referencedIds(parley.properties(policy).get("Queues")).contains(queue))
                    .flatMap(policy -> asList(asMap(parley.properties(policy).get("PolicyDocument")).get("Statement")).stream())
                    .map(SynthesizedParley::asMap)
                    .filter(statement -> "Deny".equals(statement.get("Effect")))
                    .toList();
            assertThat(denials).as(queue).anySatisfy(statement -> {
                assertThat(statement.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                assertThat(asStrings(statement.get("Action"))).contains("sqs:*");
            });
        }
    }

    @Test
    void every_sqs_worker_has_a_maximum_concurrency() {
        assertThat(parley.idsOfType("AWS::Lambda::EventSourceMapping")).hasSize(5);
        assertThat(maximumConcurrency(parley)).isEqualTo(Map.of(
                "PresenceQueue", 10, "PushQueue", 10, "FanOutQueue", 10, "ActivityQueue", 5, "MediaQueue", 5));
    }

    @Test
    void on_the_prod_stage_user_data_refuses_deletion_but_rate_limits_and_viewers_do_not() {
        for (String table : parley.idsOfType("AWS::DynamoDB::Table")) {
            boolean rateLimits = table.equals(parley.tableKeyedBy("key")) || table.equals(parley.tableKeyedBy("conversationId", "entry"));
            assertThat(parley.properties(table).get("DeletionProtectionEnabled")).as(table)
                    .isEqualTo(rateLimits ? null : true);
            if (!rateLimits) {
                assertThat(parley.properties(table)).as(table)
                        .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
            }
        }
        assertThat(parley.properties(parley.idsOfType("AWS::Cognito::UserPool").get(0)))
                .containsEntry("DeletionProtection", "ACTIVE");
    }

    @Test
    void connect_and_disconnect_may_only_update_the_connections_table() {
        String connections = parley.tableKeyedBy("userId");
        for (String handler : List.of("ConnectHandler", "DisconnectHandler")) {
            assertThat(parley.actionsAllowedOn(parley.functionWithHandler(handler), connections)).as(handler)
                    .containsExactly("dynamodb:UpdateItem");
        }
    }

    @Test
    void production_context_mails_alarms_sends_cognito_mail_through_ses_and_serves_media_on_its_domain() {
        var production = SynthesizedParley.of(SynthesizedParley.templateWith(RulePacksTest.PRODUCTION));

        List<String> subscriptions = production.idsOfType("AWS::SNS::Subscription");
        assertThat(subscriptions.stream().map(id -> production.properties(id).get("Endpoint")))
                .containsExactlyInAnyOrder("ops@example.com", "oncall@example.com");
        assertThat(subscriptions).allSatisfy(id -> assertThat(production.properties(id)).containsEntry("Protocol", "email"));

        Map<String, Object> email = asMap(production.properties(production.idsOfType("AWS::Cognito::UserPool").get(0))
                .get("EmailConfiguration"));
        assertThat(email).containsEntry("EmailSendingAccount", "DEVELOPER")
                .containsEntry("From", "Parley <no-reply@example.com>");
        assertThat(SynthesizedParley.joinedText(email.get("SourceArn"))).endsWith(":identity/example.com");

        Map<String, Object> distribution = asMap(production.properties(
                production.idsOfType("AWS::CloudFront::Distribution").get(0)).get("DistributionConfig"));
        assertThat(distribution).containsEntry("Aliases", List.of("media.example.com"));
        assertThat(asMap(distribution.get("ViewerCertificate")))
                .containsEntry("MinimumProtocolVersion", "TLSv1.2_2021")
                .containsEntry("SslSupportMethod", "sni-only")
                .containsEntry("AcmCertificateArn", RulePacksTest.PRODUCTION.get(DeploymentConfig.MEDIA_CERTIFICATE));
        assertThat(production.environmentOf("MediaHandler")).containsEntry("MEDIA_CDN_DOMAIN", "media.example.com");
    }

    /** The MaximumConcurrency of each SQS event source, by the handler class it feeds. */
    /** By queue ("FanOutQueue", "ActivityQueue", ...): the fan-out worker is fed by two. */
    private static Map<String, Object> maximumConcurrency(SynthesizedParley template) {
        Map<String, Object> byQueue = new HashMap<>();
        for (String mapping : template.idsOfType("AWS::Lambda::EventSourceMapping")) {
            Map<String, Object> properties = template.properties(mapping);
            String queue = template.referencedResourceOfType(properties.get("EventSourceArn"), "AWS::SQS::Queue");
            byQueue.put(queue.substring(0, queue.indexOf("Queue") + "Queue".length()),
                    asMap(properties.get("ScalingConfig")).get("MaximumConcurrency"));
        }
        return byQueue;
    }

    private List<String> alarmsOn(String namespace, String metric) {
        return parley.idsOfType("AWS::CloudWatch::Alarm").stream()
                .filter(alarm -> namespace.equals(parley.properties(alarm).get("Namespace"))
                        && metric.equals(parley.properties(alarm).get("MetricName")))
                .toList();
    }
}
