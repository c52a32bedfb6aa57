package dev.parley.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    // Environment variable names: the contract with the functions module (and local-env).
    static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
    static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    static final String MEMBERSHIPS_TABLE = "MEMBERSHIPS_TABLE";
    static final String USERS_TABLE = "USERS_TABLE";
    static final String RATE_LIMITS_TABLE = "RATE_LIMITS_TABLE";
    static final String MANAGEMENT_ENDPOINT = "APIGW_MANAGEMENT_ENDPOINT";
    static final String DEVICES_TABLE = "DEVICES_TABLE";
    static final String USER_POOL_ID = "USER_POOL_ID";
    static final String PRESENCE_QUEUE_URL = "PRESENCE_QUEUE_URL";
    static final String PUSH_QUEUE_URL = "PUSH_QUEUE_URL";
    static final String MEDIA_BUCKET = "MEDIA_BUCKET";
    static final String MEDIA_TABLE = "MEDIA_TABLE";
    /** Set on AWS only: without them getMediaUrl hands out S3 presigned GET URLs (local-env). */
    static final String MEDIA_CDN_DOMAIN = "MEDIA_CDN_DOMAIN";
    static final String MEDIA_CDN_KEY_PAIR_ID = "MEDIA_CDN_KEY_PAIR_ID";
    static final String MEDIA_CDN_PRIVATE_KEY_SECRET = "MEDIA_CDN_PRIVATE_KEY_SECRET";

    /** Fan-out reads members' connections in batches and removes the ones @connections answers 410 for. */
    static final String[] FAN_OUT_ON_CONNECTIONS = {"dynamodb:BatchGetItem", "dynamodb:UpdateItem"};

    /**
     * A handshake waits for the authorizer; a JWT check that has not finished in 10 s (a JWKS fetch
     * at most) will not, and the client should be refused rather than kept waiting.
     */
    private static final Duration AUTHORIZER_TIMEOUT = Duration.seconds(10);

    /** The actions the Conversations function serves, one route each. */
    static final List<String> CONVERSATION_ROUTES = List.of("findUsers", "createConversation", "getConversation",
            "listConversations", "addMembers", "removeMembers", "leaveConversation");

    /** The actions the Devices function serves, one route each. */
    static final List<String> DEVICE_ROUTES = List.of("listDevices", "revokeDevice", "signOutEverywhere");

    public ParleyStack(Construct scope, String id, StackProps props, ParleyConfig config) {
        super(scope, id, props);

        var identity = new Identity(this, "Identity",
                new Identity.Props(config.selfSignUp(), config.removalPolicy(), config.identity()));
        var connections = new Connections(this, "Connections", new Connections.Props(config.removalPolicy()));
        var table = connections.table();
        var messaging = new MessagingTables(this, "Messaging", new MessagingTables.Props(config.removalPolicy()));
        var devices = messaging.devices();
        // $connect/$disconnect enqueue presence transitions, sendMessage enqueues pushes: off the request path.
        var presenceQueue = new WorkQueue(this, "PresenceQueue", new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT));
        var pushQueue = new WorkQueue(this, "PushQueue", new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT));
        var mediaStorage = new MediaStorage(this, "Media", new MediaStorage.Props(
                config.removalPolicy(), config.media().corsOrigins(), ParleyFunction.WORKER_TIMEOUT));
        var mediaDelivery = new MediaDelivery(this, "MediaDelivery", mediaStorage.bucket(), MediaStorage.MEDIA_PREFIX,
                config.media().corsOrigins(), config.removalPolicy());

        Code code = Code.fromAsset(config.functionsJar().toString());
        var authorizer = new ParleyFunction(this, "AuthorizerFunction", new ParleyFunction.Props(
                handler("AuthorizerHandler"), code,
                Map.of(USER_POOL_ID, identity.userPool().getUserPoolId(),
                        // Tokens of every app client are accepted: the tooling's, web, iOS and Android.
                        "APP_CLIENT_IDS", identity.clients().stream()
                                .map(client -> client.getUserPoolClientId())
                                .collect(Collectors.joining(",")),
                        DEVICES_TABLE, devices.getTableName()),
                AUTHORIZER_TIMEOUT, config.removalPolicy()));
        var connect = routeFunction("ConnectFunction", "ConnectHandler", code, config,
                Map.of(CONNECTIONS_TABLE, table.getTableName(), USERS_TABLE, messaging.users().getTableName(),
                        DEVICES_TABLE, devices.getTableName(),
                        PRESENCE_QUEUE_URL, presenceQueue.queue().getQueueUrl()));
        var disconnect = routeFunction("DisconnectFunction", "DisconnectHandler", code, config,
                Map.of(CONNECTIONS_TABLE, table.getTableName(), DEVICES_TABLE, devices.getTableName(),
                        PRESENCE_QUEUE_URL, presenceQueue.queue().getQueueUrl()));
        // Not "Default": CDK leaves construct ids named Default out of logical ids.
        var defaultRoute = routeFunction("DefaultRouteFunction", "DefaultHandler", code, config, Map.of());

        var gateway = new WebSocketGateway(this, "WebSocketGateway", new WebSocketGateway.Props(
                config.stageName(), authorizer.alias(), connect.alias(), disconnect.alias(), defaultRoute.alias()));
        var api = gateway.api();
        // Built from the API id and the stage name, not from the stage resource: the functions the
        // routes invoke can know it without depending on the routes (no circular dependency).
        String managementEndpoint = gateway.connectionsEndpoint();

        var sendMessage = routeFunction("SendMessageFunction", "SendMessageHandler", code, config, Map.of(
                MESSAGES_TABLE, messaging.messages().getTableName(),
                MEMBERSHIPS_TABLE, messaging.memberships().getTableName(),
                CONNECTIONS_TABLE, table.getTableName(),
                DEVICES_TABLE, devices.getTableName(),
                MANAGEMENT_ENDPOINT, managementEndpoint,
                PUSH_QUEUE_URL, pushQueue.queue().getQueueUrl(),
                MEDIA_TABLE, mediaStorage.table().getTableName()));
        var conversations = routeFunction("ConversationsFunction", "ConversationsHandler", code, config, Map.of(
                MESSAGES_TABLE, messaging.messages().getTableName(),
                MEMBERSHIPS_TABLE, messaging.memberships().getTableName(),
                USERS_TABLE, messaging.users().getTableName(),
                RATE_LIMITS_TABLE, messaging.rateLimits().getTableName(),
                CONNECTIONS_TABLE, table.getTableName(),
                MANAGEMENT_ENDPOINT, managementEndpoint));
        var devicesFunction = routeFunction("DevicesFunction", "DevicesHandler", code, config, Map.of(
                DEVICES_TABLE, devices.getTableName(),
                CONNECTIONS_TABLE, table.getTableName(),
                USER_POOL_ID, identity.userPool().getUserPoolId(),
                MANAGEMENT_ENDPOINT, managementEndpoint));
        var ping = routeFunction("PingFunction", "PingHandler", code, config, Map.of());
        gateway.addRoute("sendMessage", sendMessage.alias());
        CONVERSATION_ROUTES.forEach(route -> gateway.addRoute(route, conversations.alias()));
        DEVICE_ROUTES.forEach(route -> gateway.addRoute(route, devicesFunction.alias()));
        gateway.addRoute("ping", ping.alias());
        var backend = new Backend(code, config.removalPolicy(), messaging, table, gateway, managementEndpoint);
        new SyncAndPresence(this, "Sync", backend, presenceQueue);
        var push = new Push(this, "Push", backend, pushQueue, config.push());
        new Media(this, "MediaFunctions", backend, mediaStorage, mediaDelivery,
                Code.fromAsset(config.media().processorJar().toString()));

        // $connect and $disconnect add and remove one connection (UpdateItem); $connect also
        // upserts the user into the directory findUsers reads.
        table.grantWriteData(connect.alias());
        table.grantWriteData(disconnect.alias());
        messaging.users().grant(connect.alias(), "dynamodb:UpdateItem");
        // $connect upserts the device (platform, lastSeenAt); the authorizer reads the device's and
        // the user's revocation in one strongly consistent BatchGetItem.
        devices.grant(connect.alias(), "dynamodb:UpdateItem");
        // Presence: $connect flips #presence to online (conditional UpdateItem) and enqueues the
        // transition; $disconnect enqueues a delayed offline check when the last connection went.
        devices.grant(disconnect.alias(), "dynamodb:UpdateItem");
        presenceQueue.queue().grantSendMessages(connect.alias());
        presenceQueue.queue().grantSendMessages(disconnect.alias());
        devices.grant(authorizer.alias(), "dynamodb:BatchGetItem");
        // $default only answers with an error frame (a route response): it needs no grant at all.
        // Fan-out (below) reads members' connections in batches of 100 and removes those
        // @connections answers 410 for. No Scan, on purpose.

        // A send: one Query (header + latest messages), one conditional PutItem, then fan-out.
        messaging.messages().grant(sendMessage.alias(), "dynamodb:Query", "dynamodb:PutItem");
        // Then one conditional UpdateItem per member row (lastSeq, updatedAt), and a push job only
        // when a registered device is offline: the members' #push summaries come from the devices
        // table in the same BatchGetItem as their connections.
        messaging.memberships().grant(sendMessage.alias(), "dynamodb:UpdateItem");
        pushQueue.queue().grantSendMessages(sendMessage.alias());
        table.grant(sendMessage.alias(), FAN_OUT_ON_CONNECTIONS);
        devices.grant(sendMessage.alias(), "dynamodb:BatchGetItem");
        api.grantManageConnections(sendMessage.alias());
        // A send with media resolves its ids in one consistent BatchGetItem (only when media is present).
        mediaStorage.table().grant(sendMessage.alias(), "dynamodb:BatchGetItem");

        // Membership changes are transactions over the header and the members' rows, which need
        // the per-item actions (PutItem, UpdateItem, DeleteItem) on both tables; only what is used.
        messaging.messages().grant(conversations.alias(), "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        messaging.memberships().grant(conversations.alias(), "dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        messaging.users().grant(conversations.alias(), "dynamodb:BatchGetItem");
        messaging.rateLimits().grant(conversations.alias(), "dynamodb:UpdateItem");
        table.grant(conversations.alias(), FAN_OUT_ON_CONNECTIONS);
        api.grantManageConnections(conversations.alias());

        // listDevices: Query the user's devices and GetItem their connections. revokeDevice:
        // conditional UpdateItem of revokedAt, then @connections DELETE of the device's sockets.
        // signOutEverywhere: Cognito global sign-out (kills refresh tokens), PutItem of the
        // user-wide revocation, DELETE of every other socket. UpdateItem on Connections removes
        // sockets @connections answers 410 for.
        devices.grant(devicesFunction.alias(), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                "dynamodb:PutItem");
        table.grant(devicesFunction.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        api.grantManageConnections(devicesFunction.alias());
        identity.userPool().grant(devicesFunction.alias(), "cognito-idp:AdminUserGlobalSignOut");
        // Revoking a device deletes its push endpoint.
        push.platforms().grantDeleteEndpoints(devicesFunction.alias());

        output("WebSocketUrl", gateway.webSocketUrl(), "Where clients connect (add ?token=...&deviceId=...&platform=...)");
        output("ConnectionsEndpoint", managementEndpoint, "The @connections management API endpoint");
        output("UserPoolId", identity.userPool().getUserPoolId(), "Cognito user pool that issues access tokens");
        output("UserPoolClientId", identity.appClient().getUserPoolClientId(),
                "App client id for API sign-in (local tooling and tests)");
        output("WebClientId", identity.webClient().getUserPoolClientId(), "Web app client id (code + PKCE)");
        output("IosClientId", identity.iosClient().getUserPoolClientId(), "iOS app client id (code + PKCE)");
        output("AndroidClientId", identity.androidClient().getUserPoolClientId(), "Android app client id (code + PKCE)");
        identity.domain().ifPresent(domain ->
                output("HostedUiUrl", domain.baseUrl(), "Hosted UI base URL (/oauth2/authorize, /oauth2/token)"));
        output("MediaCdnDomain", mediaDelivery.distribution().getDistributionDomainName(),
                "CloudFront domain that serves media (signed URLs only)");
        output("Region", Aws.REGION, "Region of the stack");
    }

    private ParleyFunction routeFunction(String id, String handlerClass, Code code, ParleyConfig config,
                                         Map<String, String> environment) {
        return new ParleyFunction(this, id, new ParleyFunction.Props(
                handler(handlerClass), code, environment, ParleyFunction.ROUTE_TIMEOUT, config.removalPolicy()));
    }

    private static String handler(String className) {
        return ParleyFunction.handler(className);
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
