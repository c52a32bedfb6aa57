package dev.parley.localenv;

import dev.parley.localenv.cognito.CognitoTriggerProxy;
import dev.parley.localenv.cognito.UserPoolTriggers;
import dev.parley.localenv.events.SqsEventSourceReader;
import dev.parley.localenv.events.SqsEventSources;
import dev.parley.localenv.gateway.ApiDefinition;
import dev.parley.localenv.gateway.ApiDefinitionReader;
import dev.parley.localenv.gateway.AuthorizerDefinition;
import dev.parley.localenv.gateway.FunctionDefinition;
import dev.parley.localenv.gateway.GatewaySettings;
import dev.parley.localenv.gateway.LambdaFunctionException;
import dev.parley.localenv.gateway.RouteDefinition;
import dev.parley.localenv.gateway.WebSocketGateway;
import dev.parley.localenv.moto.MotoServer;
import dev.parley.localenv.moto.SdkSystemProperties;
import dev.parley.localenv.provision.DemoUser;
import dev.parley.localenv.provision.ProvisionedCloud;
import dev.parley.localenv.provision.ProvisioningClients;
import dev.parley.localenv.provision.TemplateProvisioner;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.web.WebClients;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parley on a laptop: moto (the AWS services), the template's tables, user pool and demo users in
 * it, and the API Gateway WebSocket emulator running the real handlers. {@code ./parley local}
 * runs {@link #main}; tests and the integration test runner embed {@link #start}.
 *
 * <p>Order: read the template, start moto, point the SDK's standard settings at it (the
 * in-process handlers' clients read them), provision, start the gateway, start the SQS event
 * source mappings' pollers, write endpoints.json.
 */
public final class LocalCloud {
    private static final String ENDPOINT_URL_VARIABLE = "AWS_ENDPOINT_URL";
    private static final String WEBSOCKET_API = "AWS::ApiGatewayV2::Api";
    /** moto_serial.py's test-only route: what SNS delivered to each mobile platform endpoint. */
    private static final String PUSHES_PATH = "/_parley/pushes";

    private LocalCloud() {
    }

    /**
     * {@code PARLEY_LOST_CLIENT_DISCONNECT_DELAY_MS}: delay {@code $disconnect} after a client vanished
     * without a close frame, so that sends meet the 410 path (see {@link GatewaySettings}). Default 0.
     */
    private static Duration lostClientDisconnectDelay() {
        String value = System.getenv("PARLEY_LOST_CLIENT_DISCONNECT_DELAY_MS");
        try {
            return Duration.ofMillis(value == null || value.isBlank() ? 0 : Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PARLEY_LOST_CLIENT_DISCONNECT_DELAY_MS must be a number of milliseconds: " + value);
        }
    }

    /**
     * {@code PARLEY_MAX_CONCURRENT_HANDSHAKES}: refuse a connect with 429 while this many handshakes run
     * (see {@link GatewaySettings#maxConcurrentHandshakes}). Default 0, no limit.
     */
    private static int maxConcurrentHandshakes() {
        return wholeNumber("PARLEY_MAX_CONCURRENT_HANDSHAKES");
    }

    /**
     * {@code PARLEY_MAX_CONCURRENT_DISCONNECTS}: run at most this many {@code $disconnect} invocations at
     * once, the rest in turn (see {@link GatewaySettings#maxConcurrentDisconnects}). Default 0, no limit.
     */
    private static int maxConcurrentDisconnects() {
        return wholeNumber("PARLEY_MAX_CONCURRENT_DISCONNECTS");
    }

    /**
     * {@code PARLEY_REQUEST_QUOTA}: the account's request quota the gateway enforces (see
     * {@link GatewaySettings.Quota}): requests per second, or {@code aws} for AWS's default (10,000 a
     * second, burst 5,000). {@code PARLEY_REQUEST_QUOTA_BURST} sets the burst (default half the rate).
     * Default: no quota.
     */
    static GatewaySettings.Quota requestQuota(Map<String, String> env) {
        String rate = env.getOrDefault("PARLEY_REQUEST_QUOTA", "").trim();
        if (rate.equalsIgnoreCase("aws")) {
            return GatewaySettings.Quota.AWS_DEFAULT;
        }
        GatewaySettings.Quota quota = GatewaySettings.Quota.perSecond(wholeNumber("PARLEY_REQUEST_QUOTA", rate));
        String burst = env.getOrDefault("PARLEY_REQUEST_QUOTA_BURST", "").trim();
        return burst.isEmpty() ? quota : new GatewaySettings.Quota(quota.requestsPerSecond(),
                wholeNumber("PARLEY_REQUEST_QUOTA_BURST", burst));
    }

    private static int wholeNumber(String variable) {
        return wholeNumber(variable, System.getenv(variable));
    }

    private static int wholeNumber(String variable, String value) {
        try {
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number: " + value);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(LocalCloudOptions.usage());
            return;
        }
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(args, System.getenv(), ProjectLayout.find());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RunningCloud cloud;
        try {
            cloud = start(options);
        } catch (RuntimeException e) {
            System.err.println("local-env failed to start: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        Duration sinceJvmStart = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.println(ReadyBanner.render(cloud, sinceJvmStart));
        System.out.flush();
        // Ctrl-C or SIGTERM runs RunningCloud's shutdown hook: gateway, then moto, then endpoints.json.
        Thread.currentThread().join();
    }

    public static RunningCloud start(LocalCloudOptions options) {
        long started = System.nanoTime();
        CloudTemplate template = CloudTemplate.read(options.template());
        // A file left by a killed run must not make anyone think this one is ready.
        deleteStale(options.endpointsFile());
        Region region = options.region();
        MotoServer moto = MotoServer.start(MotoServer.Settings.forProject(options.layout(), options.motoPort()).withoutShutdownHook());
        SdkSystemProperties sdkSettings = SdkSystemProperties.pointAt(moto.endpoint(), region.id());
        WebSocketGateway gateway = null;
        SqsEventSources eventSources = null;
        AutoCloseable webClient = null;
        CognitoTriggerProxy awsEndpoint = null;
        try {
            ProvisionedCloud provisioned;
            try (ProvisioningClients clients = ProvisioningClients.forRegion(region)) {
                provisioned = new TemplateProvisioner(clients, region).provision(template);
            }
            GatewaySettings defaults = GatewaySettings.defaults();
            // The emulator is the template's API: functions' environments refer to its id (the stage's
            // callback URL), which the gateway then replaces with its own @connections endpoint.
            template.resourcesOfType(WEBSOCKET_API).keySet()
                    .forEach(logicalId -> provisioned.ids().putRef(logicalId, defaults.apiId()));
            ApiDefinition api = withEndpointUrl(ApiDefinitionReader.read(template, provisioned.resolver()), moto.endpoint());
            gateway = new WebSocketGateway(api, defaults.withRegion(region.id()).withAccountId(provisioned.accountId())
                    .withLostClientDisconnectDelay(lostClientDisconnectDelay())
                    .withMaxConcurrentHandshakes(maxConcurrentHandshakes())
                    .withMaxConcurrentDisconnects(maxConcurrentDisconnects())
                    .withRequestQuota(requestQuota(System.getenv())));
            gateway.start(options.gatewayPort());
            URI managementEndpoint = gateway.connectionsEndpoint();
            eventSources = SqsEventSources.start(SqsEventSourceReader.read(template, provisioned.resolver(), provisioned.ids()),
                    function -> withManagementEndpoint(withEndpointUrl(function, moto.endpoint()), managementEndpoint),
                    region, provisioned.accountId(), Thread.currentThread().getContextClassLoader());
            awsEndpoint = CognitoTriggerProxy.start(0, moto.endpoint(), seededTriggers(template, provisioned, moto.endpoint(), region));
            WebClients.Served web = WebClients.serve(options, gateway.webSocketUri(), awsEndpoint.endpoint(), region.id(), provisioned);
            webClient = web.server();
            Endpoints endpoints = new Endpoints(gateway.webSocketUri().toString(), gateway.connectionsEndpoint() + "/@connections",
                    awsEndpoint.endpoint().toString(), region.id(), provisioned.userPoolId(), provisioned.userPoolClientId(),
                    api.stageName(), provisioned.demoUsers(), awsEndpoint.endpoint().resolve(PUSHES_PATH).toString(), web.url());
            RunningCloud cloud = new RunningCloud(moto, gateway, eventSources, sdkSettings, endpoints, provisioned.ids(),
                    options.endpointsFile(), Duration.ofNanos(System.nanoTime() - started), webClient, awsEndpoint);
            try {
                endpoints.writeTo(options.endpointsFile());
            } catch (RuntimeException e) {
                cloud.close();
                throw e;
            }
            return cloud;
        } catch (Exception e) {
            if (eventSources != null) {
                eventSources.close();
            }
            WebClients.closeQuietly(webClient);
            WebClients.closeQuietly(awsEndpoint);
            closeQuietly(gateway);
            moto.close();
            sdkSettings.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("local-env failed to start", e);
        }
    }

    /**
     * The user pool's triggers, with the demo users already in the directory: they are created by
     * provisioning as an administrator would, and seeded as if they had signed up and confirmed, so
     * they find each other before either has signed in.
     */
    private static UserPoolTriggers seededTriggers(CloudTemplate template, ProvisionedCloud provisioned, URI moto, Region region) {
        UserPoolTriggers triggers = UserPoolTriggers.read(template, provisioned.resolver(), provisioned.userPoolId(),
                function -> withEndpointUrl(function, moto), region, provisioned.accountId(),
                Thread.currentThread().getContextClassLoader());
        try {
            for (DemoUser.Login user : provisioned.demoUsers()) {
                triggers.confirmed(user.username(), provisioned.userPoolClientId(), "ConfirmSignUp");
            }
            return triggers;
        } catch (LambdaFunctionException | RuntimeException e) {
            triggers.close();
            throw new IllegalStateException("Cannot seed the demo users into the user directory: " + e.getMessage(), e);
        }
    }

    /**
     * Gives every function {@code AWS_ENDPOINT_URL} (unless the template sets it), as LocalStack does
     * for its Lambdas: a function's own environment then says where AWS is. The gateway adds
     * {@code AWS_REGION} and {@code APIGW_MANAGEMENT_ENDPOINT}.
     */
    private static ApiDefinition withEndpointUrl(ApiDefinition api, URI endpoint) {
        Map<String, RouteDefinition> routes = api.routes().values().stream().collect(Collectors.toMap(RouteDefinition::routeKey,
                route -> new RouteDefinition(route.routeKey(), withEndpointUrl(route.function(), endpoint), route.hasRouteResponse())));
        return new ApiDefinition(api.routeSelectionExpression(), api.stageName(), routes, api.authorizer().map(authorizer ->
                new AuthorizerDefinition(withEndpointUrl(authorizer.function(), endpoint), authorizer.identitySources())));
    }

    /**
     * An SQS-triggered function's {@code APIGW_MANAGEMENT_ENDPOINT} is the gateway's, as the gateway sets it for
     * its own functions (the template's value is the stage's unreachable https URL).
     */
    private static FunctionDefinition withManagementEndpoint(FunctionDefinition function, URI managementEndpoint) {
        if (!function.environment().containsKey(WebSocketGateway.MANAGEMENT_ENDPOINT_VARIABLE)) {
            return function;
        }
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.put(WebSocketGateway.MANAGEMENT_ENDPOINT_VARIABLE, managementEndpoint.toString());
        return new FunctionDefinition(function.logicalId(), function.handler(), environment);
    }

    private static FunctionDefinition withEndpointUrl(FunctionDefinition function, URI endpoint) {
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.putIfAbsent(ENDPOINT_URL_VARIABLE, endpoint.toString());
        return new FunctionDefinition(function.logicalId(), function.handler(), environment);
    }

    private static void deleteStale(Path endpointsFile) {
        try {
            Files.deleteIfExists(endpointsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the stale " + endpointsFile, e);
        }
    }

    private static void closeQuietly(WebSocketGateway gateway) {
        if (gateway != null) {
            try {
                gateway.close();
            } catch (Exception e) {
                // Already failing: the start error is the one worth reporting.
            }
        }
    }

    /** The text ./parley local prints once everything answers. */
    static final class ReadyBanner {
        private ReadyBanner() {
        }

        static String render(RunningCloud cloud, Duration sinceJvmStart) {
            Endpoints e = cloud.endpoints();
            String users = e.demoUsers().stream()
                    .map(u -> u.mfa() == null ? u.username() : u.username() + " (" + u.mfa() + " MFA)")
                    .collect(Collectors.joining(", "));
            String password = e.demoUsers().isEmpty() ? "" : e.demoUsers().getFirst().password();
            String firstUser = e.demoUsers().isEmpty() ? "<user>" : e.demoUsers().getFirst().username();
            return """

                    Parley local cloud is ready (%.1f s after java started; %.1f s of startup work)

                      Web client     %s
                      WebSocket      %s
                      @connections   %s
                      AWS endpoint   %s   (moto, region %s)
                      User pool      %s   app client %s
                      Demo users     %s   password %s
                      Endpoints file %s

                    Connect with a standard WebSocket client:
                      TOKEN=$(./parley token %s)
                      npx wscat -c "%s?token=$TOKEN&deviceId=laptop-1"
                      > {"action":"nope","requestId":"1"}

                    Ctrl-C stops everything.
                    """.formatted(sinceJvmStart.toMillis() / 1000.0, cloud.startup().toMillis() / 1000.0,
                    e.webUrl() == null ? "(clients/web not found)" : e.webUrl() + "   (open it in two windows, sign in as two demo users)",
                    e.webSocketUrl(), e.connectionsUrl(), e.awsEndpoint(), e.region(), e.userPoolId(), e.userPoolClientId(),
                    users, password, cloud.endpointsFile(), firstUser, e.webSocketUrl());
        }
    }
}
