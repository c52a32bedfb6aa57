package dev.parley.infra;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Parley on AWS. local-env reads the synthesized template of this stack, so a resource, route or
 * environment variable added here is live locally too.
 *
 * <p>Shared constructs first (the user pool, the tables, the work queues, media storage and
 * delivery), then the connection family, which the WebSocket gateway is built from, then one
 * construct per function family: each holds its functions, their routes and their grants.
 * Functions are named by handler class: this module imports no project code.
 */
public final class ParleyStack extends Stack {

    public ParleyStack(Construct scope, String id, StackProps props, ParleyConfig config) {
        super(scope, id, props);
        var removalPolicy = config.removalPolicy();

        var identity = new Identity(this, "Identity",
                new Identity.Props(config.selfSignUp(), removalPolicy, config.identity(), config.deployment().email()));
        var connections = new Connections(this, "Connections", new Connections.Props(removalPolicy));
        var tables = new MessagingTables(this, "Messaging", new MessagingTables.Props(removalPolicy));
        // $connect/$disconnect enqueue presence transitions, sendMessage enqueues pushes: off the request path.
        var deployment = config.deployment();
        var concurrency = deployment.workerConcurrency();
        var presenceQueue = new WorkQueue(this, "PresenceQueue",
                new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT, concurrency.presence()));
        var pushQueue = new WorkQueue(this, "PushQueue", new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT, concurrency.push()));
        // Large conversations: pages of a message's viewers, and apart from them pages of activity rounds.
        var fanOutQueue = new WorkQueue(this, "FanOutQueue", new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT, concurrency.fanOut()));
        var activityQueue = new WorkQueue(this, "ActivityQueue",
                new WorkQueue.Props(ParleyFunction.WORKER_TIMEOUT, concurrency.activity()));
        var mediaStorage = new MediaStorage(this, "Media", new MediaStorage.Props(
                removalPolicy, config.media().corsOrigins(), ParleyFunction.WORKER_TIMEOUT, concurrency.media()));
        var mediaDelivery = new MediaDelivery(this, "MediaDelivery", new MediaDelivery.Props(
                mediaStorage.bucket(), MediaStorage.MEDIA_PREFIX, config.media().corsOrigins(), removalPolicy,
                deployment.mediaDomain(), deployment.signingKeys()));

        Code code = Code.fromAsset(config.functionsJar().toString());
        var connection = new Connection(this, "ConnectionFunctions", new Connection.Props(
                code, removalPolicy, identity, tables, connections.table(), presenceQueue));
        var gateway = new WebSocketGateway(this, "WebSocketGateway", connection.gateway(config.stageName()),
                new WebSocketGateway.StageSettings(deployment.apiRateLimit(), deployment.apiBurstLimit(),
                        deployment.apiLoggingRole(), removalPolicy));
        connection.addRoutes(gateway);
        // Built from the API id and the stage name, not from the stage resource: the functions the
        // routes invoke can know it without depending on the routes (no circular dependency).
        String managementEndpoint = gateway.connectionsEndpoint();
        var backend = new Backend(code, removalPolicy, tables, connections.table(), gateway, managementEndpoint,
                deployment.posts());

        new Messaging(this, "MessagingFunctions", new Messaging.Props(backend, pushQueue, mediaStorage.table(), fanOutQueue));
        new FanOut(this, "FanOut", new FanOut.Props(backend, fanOutQueue, activityQueue));
        new Conversations(this, "ConversationFunctions", new Conversations.Props(backend));
        new Sync(this, "Sync", new Sync.Props(backend));
        new Presence(this, "Presence", new Presence.Props(backend, presenceQueue));
        var push = new Push(this, "Push", new Push.Props(backend, pushQueue, config.push()));
        new Devices(this, "DeviceFunctions", new Devices.Props(backend, identity.userPool(), push.platforms(),
                mediaStorage, presenceQueue));
        new Media(this, "MediaFunctions", new Media.Props(backend, mediaStorage, mediaDelivery,
                Code.fromAsset(config.media().processorJar().toString())));

        if (config.deletionProtection()) {
            protectFromDeletion(identity, connections, tables, mediaStorage);
        }
        var monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(deployment.alarmEmails(),
                constructsOf(ParleyFunction.class), gateway, constructsOf(Table.class), constructsOf(WorkQueue.class)));

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
        output("MediaCdnDomain", mediaDelivery.domainName(), "The domain that serves media (signed URLs only)");
        output("MediaCdnTarget", mediaDelivery.distribution().getDistributionDomainName(),
                "CloudFront's name for the distribution: where a custom media domain's DNS record points");
        output("Region", Aws.REGION, "Region of the stack");
        output("AlarmTopicArn", monitoring.topic().getTopicArn(), "SNS topic every alarm notifies (subscribe a pager here)");

        suppressCdkHelpers();

        // Last: the families hold functions created before them, whose logical ids must not change.
        LogicalIds.keepFamilyIds(this);
    }

    /**
     * What holds user data refuses deletion, even by CloudFormation, until an operator turns the
     * protection off (docs/deploy.md): every table but the rate-limit counters, and the user pool.
     */
    private static void protectFromDeletion(Identity identity, Connections connections, MessagingTables tables,
                                            MediaStorage mediaStorage) {
        ((CfnUserPool) identity.userPool().getNode().getDefaultChild()).setDeletionProtection("ACTIVE");
        for (Table table : List.of(connections.table(), tables.messages(), tables.memberships(), tables.users(),
                tables.devices(), tables.keys(), mediaStorage.table())) {
            ((CfnTable) table.getNode().getDefaultChild()).setDeletionProtectionEnabled(true);
        }
    }

    /**
     * The CDK adds its own deploy-time functions at stack level (S3 bucket notifications, and
     * emptying the bucket on delete with removalPolicy=destroy); their runtime and role are the CDK's.
     */
    private void suppressCdkHelpers() {
        for (IConstruct child : getNode().getChildren()) {
            String id = child.getNode().getId();
            if (id.startsWith("BucketNotificationsHandler") || id.startsWith("Custom::S3AutoDeleteObjects")) {
                RulePacks.deployTimeFunction(child);
                for (String rule : List.of("AwsSolutions-L1", "Serverless-LambdaLatestVersion")) {
                    RulePacks.suppress(child, rule, "A function the CDK writes and versions itself; its runtime"
                            + " moves with aws-cdk-lib, which this project keeps current");
                }
            }
        }
    }

    /** Every construct of a type in the stack, in creation order. */
    private <T> List<T> constructsOf(Class<T> type) {
        return getNode().findAll().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
