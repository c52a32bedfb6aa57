package dev.parley.functions.wiring;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.adapter.dynamodb.DynamoDbInboxes;
import dev.parley.functions.adapter.dynamodb.DynamoDbPushCollapse;
import dev.parley.functions.adapter.dynamodb.DynamoDbPushRegistry;
import dev.parley.functions.adapter.sns.SnsPushEndpoints;
import dev.parley.functions.adapter.sqs.SqsPushQueue;
import dev.parley.functions.config.ConversationsConfig;
import dev.parley.functions.config.DevicesConfig;
import dev.parley.functions.config.MembershipsConfig;
import dev.parley.functions.config.PushConfig;
import dev.parley.functions.config.PushQueueConfig;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.push.DeliverMentionPushes;
import dev.parley.functions.domain.push.DeliverPushes;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.MuteConversation;
import dev.parley.functions.domain.push.RegisterForPush;
import dev.parley.functions.domain.push.StopPushes;
import dev.parley.functions.domain.push.UnregisterFromPush;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Push: registerDevice, unregisterDevice, muteConversation, the push worker, and what the send path and revocations need of it. */
public final class PushWiring {
    private final CompositionRoot root;
    private final Lazy<DynamoDbPushRegistry> registry;
    /** The SNS platform applications come from PUSH_APP_ARN_*; each is optional. */
    private final Lazy<SnsPushEndpoints> endpoints;
    private final Lazy<DynamoDbInboxes> inboxes;
    private final Lazy<StopPushes> stopPushes;
    private final Lazy<SqsPushQueue> pushQueue;
    /** Built on the first job of a large conversation: RATE_LIMITS_TABLE is read then. */
    private final Lazy<DeliverMentionPushes> mentionPushes;

    public PushWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    PushWiring(CompositionRoot root) {
        this.root = root;
        this.registry = new Lazy<>(() -> {
            DevicesConfig config = DevicesConfig.from(root.environment());
            return new DynamoDbPushRegistry(root.aws(config.region()).dynamoDb(), config.devicesTable());
        });
        this.endpoints = new Lazy<>(() -> {
            PushConfig config = PushConfig.from(root.environment());
            Map<PushPlatform, String> applications = new EnumMap<>(PushPlatform.class);
            put(applications, PushPlatform.APNS, config.apns());
            put(applications, PushPlatform.APNS_SANDBOX, config.apnsSandbox());
            put(applications, PushPlatform.FCM, config.fcm());
            return new SnsPushEndpoints(root.aws(config.region()).sns(), applications);
        });
        this.inboxes = new Lazy<>(() -> {
            MembershipsConfig config = MembershipsConfig.from(root.environment());
            return new DynamoDbInboxes(root.aws(config.region()).dynamoDb(), config.membershipsTable());
        });
        this.stopPushes = new Lazy<>(() -> new StopPushes(registry.get(), endpoints.get()));
        this.mentionPushes = new Lazy<>(() -> new DeliverMentionPushes(root.connections(),
                new DynamoDbPushCollapse(root.aws(PushConfig.from(root.environment()).region()).dynamoDb(),
                        root.environment().required(ConversationsConfig.RATE_LIMITS_TABLE)),
                deliverPushes(), root.clock()));
        this.pushQueue = new Lazy<>(() -> {
            PushQueueConfig config = PushQueueConfig.from(root.environment());
            return new SqsPushQueue(root.aws(config.region()).sqs(), config.queueUrl().orElseThrow());
        });
    }

    public RegisterForPush registerForPush() {
        return new RegisterForPush(registry.get(), endpoints.get(), root.clock());
    }

    public UnregisterFromPush unregisterFromPush() {
        return new UnregisterFromPush(stopPushes());
    }

    public MuteConversation muteConversation() {
        return new MuteConversation(inboxes.get(), root.clock());
    }

    /** The push worker: devices, memberships and connections tables, the messages table (badges) and SNS. */
    public DeliverPushes deliverPushes() {
        return new DeliverPushes(registry.get(), root.connections(), inboxes.get(), root.messages(), root.userSettings(),
                endpoints.get(), root.clock());
    }

    /**
     * The push worker's jobs of large conversations, for the members a message mentions or replies to: their
     * registrations and live sockets (the devices table's push summaries and the connections table), and the
     * collapse (RATE_LIMITS_TABLE).
     */
    public DeliverMentionPushes deliverMentionPushes() {
        return mentionPushes.get();
    }

    /** Parley's CloudWatch metrics, which the handlers of this family record into. */
    public Metrics metrics() {
        return root.metrics();
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }

    /** Revocation and unregistering: the device's registration and its SNS endpoint go. */
    StopPushes stopPushes() {
        return stopPushes.get();
    }

    /**
     * The send path's enqueue to the push worker; off when PUSH_QUEUE_URL or DEVICES_TABLE (where the
     * members' push summaries are, read with their connections) is not set. The SQS client is built
     * on the first push job, not with the function: most sends go to members who are online, and
     * building it cost sendMessage's cold start about 0.2 s on a loaded 2-core machine. SnapStart
     * priming builds it before the snapshot ({@link #buildPushQueue}).
     */
    MessagePushes messagePushes() {
        return pushQueueUrl().map(url -> new MessagePushes(job -> pushQueue.get().enqueue(job))).orElseGet(MessagePushes::off);
    }

    /** Builds the push queue's SQS client now, when pushes are on: for a SnapStart snapshot of the send path. */
    void buildPushQueue() {
        if (pushQueueUrl().isPresent()) {
            pushQueue.get();
        }
    }

    private Optional<String> pushQueueUrl() {
        return PushQueueConfig.from(root.environment()).queueUrl()
                .filter(url -> root.environment().optional(DevicesConfig.DEVICES_TABLE).isPresent());
    }

    private static void put(Map<PushPlatform, String> applications, PushPlatform platform, Optional<String> arn) {
        arn.ifPresent(value -> applications.put(platform, value));
    }
}
