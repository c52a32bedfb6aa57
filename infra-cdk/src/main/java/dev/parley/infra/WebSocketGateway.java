package dev.parley.infra;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The API Gateway WebSocket API clients connect to. Frames are routed by their {@code action}
 * field; unknown actions and non-JSON frames go to $default. $connect is guarded by a Lambda
 * REQUEST authorizer that reads the Cognito access token from the {@code token} query parameter
 * (browsers cannot set headers on a WebSocket upgrade).
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

    private final WebSocketApi api;
    private final WebSocketStage stage;

    public WebSocketGateway(Construct scope, String id, Props props) {
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

        stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName(props.stageName())
                .autoDeploy(true)
                .build();
    }

    /**
     * Routes frames whose {@code action} is {@code routeKey} to the function, and sends the function's
     * body back to the sender (a route response): every action of the protocol replies.
     */
    public void addRoute(String routeKey, IFunction function) {
        // One integration per route: an integration's invoke permission names a single route key.
        api.addRoute(routeKey, WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration(routeKey + "Integration", function))
                .returnResponse(true)
                .build());
    }

    public WebSocketApi api() {
        return api;
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
