package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asList;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Device registration, the push worker, and the SNS platform applications that push context switches on. */
class PushTest {

    private static SynthesizedParley withBothPlatforms;

    private final SynthesizedParley parley = parley();

    @Test
    void without_push_context_there_is_no_platform_application_and_registration_is_not_configured() {
        assertThat(parley.idsOfType(PushPlatforms.RESOURCE_TYPE)).isEmpty();
        assertThat(parley.environmentOf("PushHandler")).doesNotContainKeys(
                "PUSH_APP_ARN_APNS", "PUSH_APP_ARN_APNS_SANDBOX", "PUSH_APP_ARN_FCM");
        assertThat(parley.everyPolicyStatement()).allSatisfy(statement ->
                assertThat(asStrings(statement.get("Action"))).noneMatch(action -> action.startsWith("sns:")));
    }

    @Test
    void the_local_template_that_mvn_package_synthesizes_has_every_platform_application() {
        SynthesizedParley push = withBothPlatforms();

        Map<String, String> platformByName = new TreeMap<>();
        for (String application : push.idsOfType(PushPlatforms.RESOURCE_TYPE)) {
            Map<String, Object> properties = push.properties(application);
            assertThat(properties).containsOnlyKeys("ServiceToken", "Name", "Platform", "SecretId", "SecretAttributes");
            platformByName.put((String) properties.get("Name"), (String) properties.get("Platform"));
        }
        assertThat(platformByName).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "Parley-apns", "APNS", "Parley-apns-sandbox", "APNS_SANDBOX", "Parley-fcm", "GCM")));
    }

    @Test
    void apns_uses_the_token_key_and_fcm_the_service_account_both_read_from_the_named_secrets() {
        SynthesizedParley push = withBothPlatforms();

        Map<String, Object> apns = push.properties(application(push, "APNS"));
        assertThat(apns).containsEntry("SecretId", "parley/push/apns")
                .containsEntry("SecretAttributes", Map.of("PlatformCredential", "signingKey", "PlatformPrincipal", "keyId",
                        "ApplePlatformTeamID", "teamId", "ApplePlatformBundleID", "bundleId"));
        assertThat(push.properties(application(push, "APNS_SANDBOX"))).containsEntry("SecretId", "parley/push/apns");
        assertThat(push.properties(application(push, "GCM"))).containsEntry("SecretId", "parley/push/fcm")
                .containsEntry("SecretAttributes", Map.of("PlatformCredential", "serviceAccountJson"));
    }

    @Test
    void registration_is_told_each_platform_applications_arn() {
        SynthesizedParley push = withBothPlatforms();

        assertThat(push.environmentOf("PushHandler"))
                .containsEntry("PUSH_APP_ARN_APNS", getAtt(application(push, "APNS")))
                .containsEntry("PUSH_APP_ARN_APNS_SANDBOX", getAtt(application(push, "APNS_SANDBOX")))
                .containsEntry("PUSH_APP_ARN_FCM", getAtt(application(push, "GCM")));
    }

    @Test
    void credentials_never_appear_in_the_template_only_the_provider_may_read_the_secrets() {
        SynthesizedParley push = withBothPlatforms();
        assertThat(push.resourcesJson()).doesNotContain("{{resolve:");

        String provider = push.referencedResourceOfType(
                push.properties(application(push, "APNS")).get("ServiceToken"), "AWS::Lambda::Function");
        assertThat(push.properties(provider)).containsEntry("Runtime", "nodejs24.x");
        List<String> readable = push.everyPolicyStatement().stream()
                .filter(statement -> asStrings(statement.get("Action")).contains("secretsmanager:GetSecretValue"))
                .flatMap(statement -> asList(statement.get("Resource")).stream())
                // Secrets named by the deployer; the stack's own media signing key secret is a Ref.
                .filter(resource -> resource instanceof Map<?, ?> arn && arn.containsKey("Fn::Join"))
                .map(SynthesizedParley::joinedText)
                .toList();
        assertThat(readable).containsExactlyInAnyOrder(
                "arn:{}:secretsmanager:{}:{}:secret:parley/push/apns-??????",
                "arn:{}:secretsmanager:{}:{}:secret:parley/push/fcm-??????");
        assertThat(snsGrants(push, provider)).containsOnlyKeys(
                "sns:CreatePlatformApplication", "sns:SetPlatformApplicationAttributes", "sns:DeletePlatformApplication");
    }

    @Test
    void each_function_may_only_make_its_sns_calls_on_parleys_applications_and_their_endpoints() {
        SynthesizedParley push = withBothPlatforms();
        List<String> applications = List.of("arn:{}:sns:{}:{}:app/APNS/Parley-apns",
                "arn:{}:sns:{}:{}:app/APNS_SANDBOX/Parley-apns-sandbox", "arn:{}:sns:{}:{}:app/GCM/Parley-fcm");
        List<String> endpoints = List.of("arn:{}:sns:{}:{}:endpoint/APNS/Parley-apns/*",
                "arn:{}:sns:{}:{}:endpoint/APNS_SANDBOX/Parley-apns-sandbox/*", "arn:{}:sns:{}:{}:endpoint/GCM/Parley-fcm/*");

        assertThat(snsGrants(push, push.functionWithHandler("PushHandler"))).isEqualTo(Map.of(
                "sns:CreatePlatformEndpoint", applications,
                "sns:GetEndpointAttributes", endpoints,
                "sns:SetEndpointAttributes", endpoints,
                "sns:DeleteEndpoint", endpoints));
        assertThat(snsGrants(push, push.functionWithHandler("PushWorkerHandler"))).isEqualTo(Map.of("sns:Publish", endpoints));
        assertThat(snsGrants(push, push.functionWithHandler("DevicesHandler"))).isEqualTo(Map.of("sns:DeleteEndpoint", endpoints));
        for (String handler : List.of("SendMessageHandler", "SyncHandler", "ConversationsHandler", "ConnectHandler")) {
            assertThat(snsGrants(push, push.functionWithHandler(handler))).as(handler).isEmpty();
        }
    }

    @Test
    void a_deployment_with_only_apns_leaves_fcm_out() {
        SynthesizedParley apnsOnly = SynthesizedParley.of(SynthesizedParley.templateWith(
                Map.of(PushConfig.APNS_SECRET, "my/apns")));

        assertThat(apnsOnly.idsOfType(PushPlatforms.RESOURCE_TYPE)).hasSize(2);
        assertThat(apnsOnly.environmentOf("PushHandler")).containsKeys("PUSH_APP_ARN_APNS", "PUSH_APP_ARN_APNS_SANDBOX")
                .doesNotContainKey("PUSH_APP_ARN_FCM");
    }

    @Test
    void registration_may_update_devices_and_mute_memberships_and_nothing_else() {
        String registration = parley.functionWithHandler("PushHandler");

        assertThat(parley.actionsAllowedOn(registration, parley.tableKeyedBy("userId", "deviceId")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(registration, parley.tableKeyedBy("userId", "conversationId")))
                .containsExactly("dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(registration, parley.tableKeyedBy("conversationId", "seq"))).isEmpty();
        assertThat(parley.actionsAllowedOn(registration, parley.tableKeyedBy("userId"))).isEmpty();
    }

    @Test
    void the_worker_reads_settings_memberships_connections_and_timelines_only_marks_devices_invalid_and_claims_mention_collapses() {
        String worker = parley.functionWithHandler("PushWorkerHandler");

        assertThat(parley.actionsAllowedOn(worker, parley.tableKeyedBy("userId", "deviceId")))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(worker, parley.tableKeyedBy("userId", "conversationId")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(worker, parley.tableKeyedBy("userId"))).containsExactly("dynamodb:BatchGetItem");
        assertThat(parley.actionsAllowedOn(worker, parley.tableKeyedBy("conversationId", "seq"))).as("badges of large groups")
                .containsExactly("dynamodb:Query");
        assertThat(parley.actionsAllowedOn(worker, parley.tableKeyedBy("key"))).as("the mention push collapse")
                .containsExactly("dynamodb:UpdateItem");
        assertThat(parley.environmentOf("PushWorkerHandler")).containsOnlyKeys(
                "DEVICES_TABLE", "MEMBERSHIPS_TABLE", "MESSAGES_TABLE", "CONNECTIONS_TABLE", "RATE_LIMITS_TABLE", "JAVA_TOOL_OPTIONS");
    }

    /** Synthesized with the context the pom's synth passes (its parley.synthContext property). */
    private static synchronized SynthesizedParley withBothPlatforms() {
        if (withBothPlatforms == null) {
            withBothPlatforms = SynthesizedParley.of(SynthesizedParley.templateWith(pomSynthContext()));
        }
        return withBothPlatforms;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pomSynthContext() {
        try {
            String pom = Files.readString(RepositoryLayout.locate().root().resolve("infra-cdk/pom.xml"));
            Matcher context = Pattern.compile("<parley.synthContext>(.*?)</parley.synthContext>").matcher(pom);
            assertThat(context.find()).as("parley.synthContext in infra-cdk/pom.xml").isTrue();
            Map<String, Object> values = new ObjectMapper().readValue(context.group(1), Map.class);
            assertThat(values).containsKeys(PushConfig.APNS_SECRET, PushConfig.FCM_SECRET);
            return values;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String application(SynthesizedParley push, String platform) {
        List<String> ids = push.idsOfType(PushPlatforms.RESOURCE_TYPE).stream()
                .filter(id -> platform.equals(push.properties(id).get("Platform")))
                .toList();
        assertThat(ids).as("%s applications", platform).hasSize(1);
        return ids.get(0);
    }

    private static Map<String, Object> getAtt(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, PushPlatforms.ARN_ATTRIBUTE));
    }

    /** SNS action -> the shapes of the resources it is allowed on, for one function's role. */
    private static Map<String, List<String>> snsGrants(SynthesizedParley push, String function) {
        Map<String, List<String>> grants = new TreeMap<>();
        for (Map<String, Object> statement : push.statementsOf(function)) {
            for (String action : asStrings(statement.get("Action"))) {
                if (action.startsWith("sns:")) {
                    assertThat(asList(statement.get("Resource"))).as(action).doesNotContain("*");
                    grants.put(action, asList(statement.get("Resource")).stream().map(SynthesizedParley::joinedText).toList());
                }
            }
        }
        return grants;
    }
}
