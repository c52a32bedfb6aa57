package dev.parley.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The API Gateway WebSocket API clients connect to. Frames are routed by their {@code action}
 * field; unknown actions and non-JSON frames go to $default. $connect is guarded by a Lambda
 * REQUEST authorizer that reads the Cognito access token from the {@code token} query parameter
 * (browsers cannot set headers on a WebSocket upgrade).
 *
 * <p>The stage writes one JSON access-log line per event (connect, message, disconnect) with the
 * connection, route, status, latency and any integration error, logs execution errors, and
 * throttles every route to the {@link StageSettings} limits (API Gateway answers 429 above them;
 * per-user limits stay in the code).
 */
public final class WebSocketGateway extends Construct {

    public static final String ROUTE_SELECTION_EXPRESSION = "$request.body.action";
    public static final String TOKEN_SOURCE = "route.request.querystring.token";

    /**
     * Each function is invoked through the alias given here.
     *
     * @param stageName the stage, which is the last path segment of every URL
     */
    public record Props(String stageName, IFunction authorizer, IFunction connect, IFunction disconnect,
                        IFunction defaultRoute) {
    }

    /**
     * @param rateLimit steady requests per second across the stage
     * @param burstLimit the burst above it
     * @param accountLoggingRole whether to set the account's API Gateway CloudWatch Logs role,
     *     without which execution logging cannot be turned on
     * @param logRemovalPolicy what happens to the access log group when the stack is deleted
     */
    public record StageSettings(double rateLimit, int burstLimit, boolean accountLoggingRole,
                                RemovalPolicy logRemovalPolicy) {
    }

    /**
     * API Gateway's WebSocket context variables, one JSON object per line: what an operator needs to
     * find a failing connection or route without logging any frame.
     */
    static final Map<String, String> ACCESS_LOG_FIELDS = accessLogFields();

    private static final String AUTHORIZED_AT_CONNECT = "A WebSocket API authorizes only $connect (the token"
            + " authorizer); every later frame travels on that authorized connection, and the functions take the"
            + " user from its authorizer context";

    private final WebSocketApi api;
    private final WebSocketStage stage;

    public WebSocketGateway(Construct scope, String id, Props props, StageSettings settings) {
        super(scope, id);
        var authorizer = new WebSocketLambdaAuthorizer("TokenAuthorizer", props.authorizer(),
                WebSocketLambdaAuthorizerProps.builder().identitySource(List.of(TOKEN_SOURCE)).build());

        api = WebSocketApi.Builder.create(this, "Api")
                .apiName(Stack.of(this).getStackName() + "-websocket")
                .routeSelectionExpression(ROUTE_SELECTION_EXPRESSION)
                .connectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("ConnectIntegration", props.connect()))
                        .authorizer(authorizer)
                        .build())
                .disconnectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("DisconnectIntegration", props.disconnect()))
                        .build())
                .defaultRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("DefaultIntegration", props.defaultRoute()))
                        // A route response sends the function's body back to the sender as a frame.
                        .returnResponse(true)
                        .build())
                .build();

        RulePacks.suppress(api, "AwsSolutions-APIG4", AUTHORIZED_AT_CONNECT);
        RulePacks.suppressInStack(this, "AwsSolutions-IAM5", "@connections takes the connection id in its path:"
                        + " a function posts to whichever connections its recipients hold, on this API only",
                "^Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<[A-Za-z0-9]+>/\\*/\\*/@connections/\\*$");
        stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName(props.stageName())
                .autoDeploy(true)
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_WEEK)
                .removalPolicy(settings.logRemovalPolicy())
                .build();
        CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
        cfnStage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format(accessLogFormat())
                .build());
        cfnStage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .loggingLevel("ERROR")
                .dataTraceEnabled(false)
                .throttlingRateLimit(settings.rateLimit())
                .throttlingBurstLimit(settings.burstLimit())
                .build());
        if (settings.accountLoggingRole()) {
            cfnStage.getNode().addDependency(accountLoggingRole());
        }
    }

    /**
     * Execution logging needs a role API Gateway writes to CloudWatch Logs with, set once per account
     * and region. Kept when the stack is deleted, as the CDK's REST APIs do: the account setting
     * would otherwise name a role that no longer exists.
     */
    private CfnAccount accountLoggingRole() {
        Role role = Role.Builder.create(this, "CloudWatchRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
                .build();
        role.applyRemovalPolicy(RemovalPolicy.RETAIN);
        RulePacks.suppress(role, "AwsSolutions-IAM4", "AmazonAPIGatewayPushToCloudWatchLogs is AWS's documented"
                + " policy for API Gateway's account logging role, and allows writing logs only",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
        CfnAccount account = CfnAccount.Builder.create(this, "Account").cloudWatchRoleArn(role.getRoleArn()).build();
        account.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return account;
    }

    private static Map<String, String> accessLogFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("time", "$context.requestTimeEpoch");
        fields.put("eventType", "$context.eventType");
        fields.put("connectionId", "$context.connectionId");
        fields.put("route", "$context.routeKey");
        fields.put("status", "$context.status");
        fields.put("latency", "$context.integrationLatency");
        fields.put("integrationStatus", "$context.integration.status");
        fields.put("integrationError", "$context.integration.error");
        fields.put("error", "$context.error.message");
        fields.put("authorizeError", "$context.authorize.error");
        fields.put("principalId", "$context.authorizer.principalId");
        fields.put("sourceIp", "$context.identity.sourceIp");
        return Collections.unmodifiableMap(fields);
    }

    /** {@code {"requestId":"$context.requestId",...}}: every value quoted, so a missing one is "-", never broken JSON. */
    static String accessLogFormat() {
        return ACCESS_LOG_FIELDS.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\":\"" + field.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * Routes frames whose {@code action} is {@code routeKey} to the function, and sends the function's
     * body back to the sender (a route response): every action of the protocol replies.
     */
    public void addRoute(String routeKey, IFunction function) {
        // One integration per route: an integration's invoke permission names a single route key.
        var route = api.addRoute(routeKey, WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration(routeKey + "Integration", function))
                .returnResponse(true)
                .build());
        RulePacks.suppress(route, "AwsSolutions-APIG4", AUTHORIZED_AT_CONNECT);
    }

    public WebSocketApi api() {
        return api;
    }

    public String stageName() {
        return stage.getStageName();
    }

    /** {@code wss://{apiId}.execute-api.{region}.{urlSuffix}/{stage}}: where clients connect. */
    public String webSocketUrl() {
        return stage.getUrl();
    }

    /** {@code https://{apiId}.execute-api.{region}.{urlSuffix}/{stage}}: the @connections endpoint. */
    public String connectionsEndpoint() {
        return stage.getCallbackUrl();
    }
}
