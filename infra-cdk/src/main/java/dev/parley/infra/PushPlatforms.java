package dev.parley.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The SNS platform applications pushes go through: APNS and APNS_SANDBOX (token-based, a .p8 key)
 * when context {@code push.apns.secret} names a secret, FCM v1 (platform GCM, a service account)
 * when {@code push.fcm.secret} does. A platform without its context is left out, and so is its
 * {@code PUSH_APP_ARN_*} variable: registerDevice then answers that it is not configured.
 *
 * <p>CloudFormation has no resource type for platform applications, and it does not resolve
 * Secrets Manager dynamic references in custom resource properties. So each application is a
 * {@value #RESOURCE_TYPE} resource whose small Node.js function
 * ({@code providers/push-platform-application/index.js}) reads the secret at deploy time and calls
 * SNS: the credentials never appear in the template, in the custom resource's properties or in logs.
 * Create maps the secret's JSON keys to SNS attributes through {@code SecretAttributes} and calls
 * CreatePlatformApplication; Update with the same Name and Platform sets the attributes again
 * (anything else creates a new application, and CloudFormation deletes the old one); Delete deletes
 * the application. Ref and {@code Fn::GetAtt [.., PlatformApplicationArn]} give the application's ARN.
 * A changed secret reaches SNS on the next deploy that changes the resource, or at once with
 * {@code aws sns set-platform-application-attributes} (docs/push-setup.md).
 */
public final class PushPlatforms extends Construct {

    public static final String RESOURCE_TYPE = "Custom::PushPlatformApplication";
    public static final String ARN_ATTRIBUTE = "PlatformApplicationArn";

    /** SNS attribute -> JSON key of the APNs secret (token-based authentication). */
    static final Map<String, String> APNS_ATTRIBUTES = orderedMap(
            "PlatformCredential", "signingKey",
            "PlatformPrincipal", "keyId",
            "ApplePlatformTeamID", "teamId",
            "ApplePlatformBundleID", "bundleId");
    /** SNS attribute -> JSON key of the FCM secret (HTTP v1: the service account JSON is the credential). */
    static final Map<String, String> FCM_ATTRIBUTES = Map.of("PlatformCredential", "serviceAccountJson");

    /** One platform application: {@code env} is the functions' variable that carries its ARN. */
    record Platform(String env, String snsPlatform, String nameSuffix, String secretName, Map<String, String> attributes) {
    }

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> applicationArns = new ArrayList<>();
    private final List<String> endpointArns = new ArrayList<>();

    /**
     * @param config the platforms and the secrets holding their credentials
     * @param logRemovalPolicy what happens to the provider's log group when the stack is deleted
     */
    public record Props(PushConfig config, RemovalPolicy logRemovalPolicy) {
        public Props {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
        }
    }

    public PushPlatforms(Construct scope, String id, Props props) {
        super(scope, id);
        RulePacks.suppressInStack(this, "AwsSolutions-IAM5", "SNS creates a device's endpoint at registration,"
                        + " under its platform application's ARN; each grant covers the endpoints of this stack's"
                        + " applications only",
                "^Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:endpoint/[A-Z_]+/[A-Za-z0-9-]+/\\*$");
        var config = props.config();
        List<Platform> platforms = new ArrayList<>();
        config.apns().ifPresent(secret -> {
            platforms.add(new Platform("PUSH_APP_ARN_APNS", "APNS", "apns", secret, APNS_ATTRIBUTES));
            platforms.add(new Platform("PUSH_APP_ARN_APNS_SANDBOX", "APNS_SANDBOX", "apns-sandbox", secret, APNS_ATTRIBUTES));
        });
        config.fcm().ifPresent(secret ->
                platforms.add(new Platform("PUSH_APP_ARN_FCM", "GCM", "fcm", secret, FCM_ATTRIBUTES)));
        if (platforms.isEmpty()) {
            return;
        }

        Function provider = CustomResourceProvider.create(this, "Provider", "push-platform-application",
                "Creates, updates and deletes Parley's SNS platform applications from Secrets Manager", props.logRemovalPolicy());

        Stack stack = Stack.of(this);
        for (Platform platform : platforms) {
            String name = stack.getStackName() + "-" + platform.nameSuffix();
            String applicationArn = snsArn("app", platform.snsPlatform() + "/" + name);
            var application = CustomResource.Builder.create(this, platform.snsPlatform())
                    .resourceType(RESOURCE_TYPE)
                    .serviceToken(provider.getFunctionArn())
                    // Sorted, so every synth writes the same template (Map.of iterates in a per-run order).
                    .properties(new TreeMap<>(Map.of(
                            "Name", name,
                            "Platform", platform.snsPlatform(),
                            "SecretId", platform.secretName(),
                            "SecretAttributes", new TreeMap<>(platform.attributes()))))
                    .build();
            environment.put(platform.env(), application.getAttString(ARN_ATTRIBUTE));
            applicationArns.add(applicationArn);
            endpointArns.add(snsArn("endpoint", platform.snsPlatform() + "/" + name + "/*"));
            provider.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("sns:CreatePlatformApplication", "sns:SetPlatformApplicationAttributes",
                            "sns:DeletePlatformApplication"))
                    .resources(List.of(applicationArn))
                    .build());
        }
        platforms.stream().map(Platform::secretName).distinct().forEach(secretName ->
                Secret.fromSecretNameV2(this, "Secret" + secretName.replaceAll("[^A-Za-z0-9]", ""), secretName)
                        .grantRead(provider));
    }

    /** {@code PUSH_APP_ARN_*} -> the platform application's ARN, for the configured platforms only. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public boolean configured() {
        return !environment.isEmpty();
    }

    /**
     * registerDevice and unregisterDevice: create endpoints in the applications, read, update and
     * delete the endpoints. Nothing when no platform is configured.
     */
    public void grantManageEndpoints(IGrantable grantee) {
        grant(grantee, applicationArns, "sns:CreatePlatformEndpoint");
        grant(grantee, endpointArns, "sns:GetEndpointAttributes", "sns:SetEndpointAttributes", "sns:DeleteEndpoint");
    }

    /** The push worker: publish to endpoints of the applications. */
    public void grantPublish(IGrantable grantee) {
        grant(grantee, endpointArns, "sns:Publish");
    }

    /** Device revocation: delete the revoked device's endpoint. */
    public void grantDeleteEndpoints(IGrantable grantee) {
        grant(grantee, endpointArns, "sns:DeleteEndpoint");
    }

    private static void grant(IGrantable grantee, List<String> resources, String... actions) {
        if (resources.isEmpty()) {
            return;
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of(actions))
                .resources(List.copyOf(resources))
                .build());
    }

    private String snsArn(String resource, String resourceName) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("sns")
                .resource(resource)
                .resourceName(resourceName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
