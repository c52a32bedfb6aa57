package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.APP_CLIENT_IDS;
import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.PRESENCE_QUEUE_URL;
import static dev.parley.infra.FunctionEnvironment.TOKEN_ISSUER;
import static dev.parley.infra.FunctionEnvironment.USERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.USER_POOL_ID;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The connection family: the $connect authorizer, $connect, $disconnect and $default, which the
 * {@link WebSocketGateway} is built from, and ping. Its functions were created at stack level before
 * the family existed and keep those logical ids ({@link LogicalIds}).
 */
public final class Connection extends Construct implements LogicalIds.Scope {

    /**
     * A handshake waits for the authorizer; a JWT check that has not finished in 10 s (a JWKS fetch
     * at most) will not, and the client should be refused rather than kept waiting.
     */
    static final Duration AUTHORIZER_TIMEOUT = Duration.seconds(10);

    /** Cognito waits 5 s for a trigger, then fails the sign-up or sign-in it was called for. */
    static final Duration USER_POOL_TRIGGER_TIMEOUT = Duration.seconds(5);

    /**
     * @param code the functions jar
     * @param logRemovalPolicy what happens to the log groups when the stack is deleted
     * @param identity the user pool and the app clients whose access tokens the authorizer accepts
     * @param presenceQueue where $connect and $disconnect enqueue presence transitions
     */
    public record Props(Code code, RemovalPolicy logRemovalPolicy, Identity identity, MessagingTables tables,
                        Table connections, WorkQueue presenceQueue) {
        public Props {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(tables, "tables");
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(presenceQueue, "presenceQueue");
        }
    }

    private final ParleyFunction authorizer;
    private final ParleyFunction connect;
    private final ParleyFunction disconnect;
    private final ParleyFunction defaultRoute;
    private final ParleyFunction ping;
    private final ParleyFunction userPoolTrigger;

    public Connection(Construct scope, String id, Props props) {
        super(scope, id);
        var devices = props.tables().devices();
        var connections = props.connections();
        var presenceQueue = props.presenceQueue().queue();

        authorizer = new ParleyFunction(this, "AuthorizerFunction", new ParleyFunction.Props(
                ParleyFunction.handler("AuthorizerHandler"), props.code(),
                Map.of(USER_POOL_ID, props.identity().userPool().getUserPoolId(),
                        // Tokens of every app client are accepted: the tooling's, web, iOS and Android.
                        APP_CLIENT_IDS, props.identity().clients().stream()
                                .map(client -> client.getUserPoolClientId())
                                .collect(Collectors.joining(",")),
                        // The pool's AWS issuer unless context cognito.issuer names another (LocalStack).
                        TOKEN_ISSUER, props.identity().issuer(),
                        DEVICES_TABLE, devices.getTableName()),
                AUTHORIZER_TIMEOUT, props.logRemovalPolicy()));
        connect = routeFunction(props, "ConnectFunction", "ConnectHandler", Map.of(
                CONNECTIONS_TABLE, connections.getTableName(),
                USERS_TABLE, props.tables().users().getTableName(),
                DEVICES_TABLE, devices.getTableName(),
                PRESENCE_QUEUE_URL, presenceQueue.getQueueUrl()));
        disconnect = routeFunction(props, "DisconnectFunction", "DisconnectHandler", Map.of(
                CONNECTIONS_TABLE, connections.getTableName(),
                DEVICES_TABLE, devices.getTableName(),
                PRESENCE_QUEUE_URL, presenceQueue.getQueueUrl()));
        // Not "Default": CDK leaves construct ids named Default out of logical ids.
        defaultRoute = routeFunction(props, "DefaultRouteFunction", "DefaultHandler", Map.of());
        ping = routeFunction(props, "PingFunction", "PingHandler", Map.of());
        // Users are findable from sign-up: post-confirmation for accounts people sign up for,
        // post-authentication for those an administrator created (Cognito never confirms them
        // through the trigger) and for accounts older than the trigger.
        userPoolTrigger = new ParleyFunction(this, "UserPoolTriggerFunction", new ParleyFunction.Props(
                ParleyFunction.handler("UserPoolTriggerHandler"), props.code(),
                Map.of(USERS_TABLE, props.tables().users().getTableName()),
                USER_POOL_TRIGGER_TIMEOUT, props.logRemovalPolicy()));
        props.identity().userPool().addTrigger(UserPoolOperation.POST_CONFIRMATION, userPoolTrigger.alias());
        props.identity().userPool().addTrigger(UserPoolOperation.POST_AUTHENTICATION, userPoolTrigger.alias());

        // $connect and $disconnect add and remove one connection of the user's item, each one
        // UpdateItem (the $disconnect one returns what is left); nothing else of the table.
        // $connect also upserts the user into the directory findUsers reads.
        connections.grant(connect.alias(), "dynamodb:UpdateItem");
        connections.grant(disconnect.alias(), "dynamodb:UpdateItem");
        props.tables().users().grant(connect.alias(), "dynamodb:UpdateItem");
        props.tables().users().grant(userPoolTrigger.alias(), "dynamodb:UpdateItem");
        // $connect upserts the device (platform, lastSeenAt); the authorizer reads the device's and
        // the user's revocation in one strongly consistent BatchGetItem.
        devices.grant(connect.alias(), "dynamodb:UpdateItem");
        // Presence: $connect flips #presence to online (conditional UpdateItem) and enqueues the
        // transition; $disconnect enqueues a delayed offline check when the last connection went.
        devices.grant(disconnect.alias(), "dynamodb:UpdateItem");
        presenceQueue.grantSendMessages(connect.alias());
        presenceQueue.grantSendMessages(disconnect.alias());
        devices.grant(authorizer.alias(), "dynamodb:BatchGetItem");
        // $default only answers with an error frame (a route response), ping only pongs: no grant at all.
    }

    private ParleyFunction routeFunction(Props props, String id, String handlerClass, Map<String, String> environment) {
        return ParleyFunction.route(this, id, handlerClass, props.code(), props.logRemovalPolicy(), environment);
    }

    /** The gateway this family's functions make: the authorizer guards $connect. */
    public WebSocketGateway.Props gateway(String stageName) {
        return new WebSocketGateway.Props(stageName, authorizer.alias(), connect.alias(), disconnect.alias(),
                defaultRoute.alias());
    }

    /** The family's routes besides the gateway's own ($connect, $disconnect, $default). */
    public void addRoutes(WebSocketGateway gateway) {
        gateway.addRoute("ping", ping.alias());
    }

    @Override
    public Optional<String> logicalIdComponent() {
        return Optional.empty();
    }
}
