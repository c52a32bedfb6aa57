package dev.parley.infra;

import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * Parley on AWS. local-env reads the synthesized template of this stack, so a resource, route or
 * environment variable added here is live locally too.
 *
 * <p>Functions are named by handler class: this module imports no project code.
 */
public final class ParleyStack extends Stack {

    private static final String HANDLERS = "dev.parley.functions.handler.";

    /**
     * A handshake waits for the authorizer; a JWT check that has not finished in 10 s (a JWKS fetch
     * at most) will not, and the client should be refused rather than kept waiting.
     */
    private static final Duration AUTHORIZER_TIMEOUT = Duration.seconds(10);

    public ParleyStack(Construct scope, String id, StackProps props, ParleyConfig config) {
        super(scope, id, props);

        var identity = new Identity(this, "Identity",
                new Identity.Props(config.selfSignUp(), config.removalPolicy()));
        var connections = new Connections(this, "Connections", new Connections.Props(config.removalPolicy()));
        var table = connections.table();

        Code code = Code.fromAsset(config.functionsJar().toString());
        var authorizer = new ParleyFunction(this, "AuthorizerFunction", new ParleyFunction.Props(
                handler("AuthorizerHandler"), code,
                Map.of("USER_POOL_ID", identity.userPool().getUserPoolId(),
                        "APP_CLIENT_IDS", identity.appClient().getUserPoolClientId()),
                AUTHORIZER_TIMEOUT, config.removalPolicy()));
        var connect = routeFunction("ConnectFunction", "ConnectHandler", code, table.getTableName(), config);
        var disconnect = routeFunction("DisconnectFunction", "DisconnectHandler", code, table.getTableName(), config);
        // Not "Default": CDK leaves construct ids named Default out of logical ids.
        var defaultRoute = routeFunction("DefaultRouteFunction", "DefaultHandler", code, table.getTableName(), config);

        var gateway = new WebSocketGateway(this, "WebSocketGateway", new WebSocketGateway.Props(
                config.stageName(), authorizer.alias(), connect.alias(), disconnect.alias(), defaultRoute.alias()));

        // $connect and $disconnect add and remove one connection (UpdateItem).
        table.grantWriteData(connect.alias());
        table.grantWriteData(disconnect.alias());
        // Replies and fan-out post through @connections. Fan-out reads members' connections in
        // batches of 100 and removes those @connections answers 410 for. No Scan, on purpose.
        gateway.api().grantManageConnections(defaultRoute.alias());
        table.grant(defaultRoute.alias(), "dynamodb:BatchGetItem", "dynamodb:UpdateItem");

        output("WebSocketUrl", gateway.webSocketUrl(), "Where clients connect (add ?token=...&deviceId=...)");
        output("ConnectionsEndpoint", gateway.connectionsEndpoint(), "The @connections management API endpoint");
        output("UserPoolId", identity.userPool().getUserPoolId(), "Cognito user pool that issues access tokens");
        output("UserPoolClientId", identity.appClient().getUserPoolClientId(), "App client id for sign-in");
        output("Region", Aws.REGION, "Region of the stack");
    }

    private ParleyFunction routeFunction(String id, String handlerClass, Code code, String tableName,
                                         ParleyConfig config) {
        return new ParleyFunction(this, id, new ParleyFunction.Props(
                handler(handlerClass), code, Map.of("CONNECTIONS_TABLE", tableName),
                ParleyFunction.ROUTE_TIMEOUT, config.removalPolicy()));
    }

    private static String handler(String className) {
        return HANDLERS + className + "::handleRequest";
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
