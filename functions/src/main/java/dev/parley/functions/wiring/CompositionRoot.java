package dev.parley.functions.wiring;

import dev.parley.functions.domain.conversation.MemberRows;

import com.nimbusds.jwt.JWTParser;
import dev.parley.functions.adapter.apigateway.ManagementApiEventPublisher;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.aws.PostPacing;
import dev.parley.functions.adapter.cloudwatch.EmfMetrics;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry;
import dev.parley.functions.adapter.dynamodb.DynamoDbMemberCursors;
import dev.parley.functions.adapter.dynamodb.DynamoDbReadCounts;
import dev.parley.functions.domain.receipt.ReadCounts;
import dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbRateLimiter;
import dev.parley.functions.adapter.dynamodb.DynamoDbTimeline;
import dev.parley.functions.adapter.dynamodb.DynamoDbUserDirectory;
import dev.parley.functions.adapter.dynamodb.DynamoDbUserSettings;
import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.ConversationsConfig;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.config.DevicesConfig;
import dev.parley.functions.config.Environment;
import dev.parley.functions.config.MediaConfig;
import dev.parley.functions.config.MembershipsConfig;
import dev.parley.functions.config.MessagesConfig;
import dev.parley.functions.config.UsersConfig;
import dev.parley.functions.domain.Metrics;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the wiring of every function family shares: the environment, the clock, the process's AWS
 * clients, delivery to live sockets, and the adapters of more than one family. Each family's
 * wiring ({@link ConnectionWiring}, {@link MessagingWiring}, ...) builds its own use cases on it.
 * Every part is built on first use and once per function instance ({@link Lazy}), so a function
 * reads and validates only its part of the configuration: the authorizer does not need the
 * messages table and $connect does not need a user pool.
 */
public final class CompositionRoot {
    private final Environment environment;
    private final Clock clock = Clock.systemUTC();
    private AwsClients aws;
    private final EmfMetrics metrics = new EmfMetrics();

    private final Lazy<DynamoDbConnectionRepository> connections = new Lazy<>(() -> {
        ConnectionsConfig config = ConnectionsConfig.from(environment());
        return new DynamoDbConnectionRepository(aws(config.region()).dynamoDb(), config.connectionsTable(),
                environment().optional(DevicesConfig.DEVICES_TABLE), clock);
    });
    private final Lazy<DynamoDbDeviceRegistry> devices = new Lazy<>(() -> {
        DevicesConfig config = DevicesConfig.from(environment());
        return new DynamoDbDeviceRegistry(aws(config.region()).dynamoDb(), config.devicesTable());
    });
    private final Lazy<DynamoDbUserSettings> userSettings = new Lazy<>(() -> {
        DevicesConfig config = DevicesConfig.from(environment());
        return new DynamoDbUserSettings(aws(config.region()).dynamoDb(), config.devicesTable());
    });
    private final Lazy<MessageRepository> messages = new Lazy<>(() -> {
        MessagesConfig config = MessagesConfig.from(environment());
        return new DynamoDbMessageRepository(aws(config.region()).dynamoDb(), config.messagesTable());
    });
    private final Lazy<DynamoDbTimeline> timeline = new Lazy<>(() -> {
        MessagesConfig config = MessagesConfig.from(environment());
        return new DynamoDbTimeline(aws(config.region()).dynamoDb(), config.messagesTable());
    });
    private final Lazy<DynamoDbMemberCursors> memberCursors = new Lazy<>(() -> {
        MembershipsConfig config = MembershipsConfig.from(environment());
        return new DynamoDbMemberCursors(aws(config.region()).dynamoDb(), config.membershipsTable());
    });
    private final Lazy<DynamoDbReadCounts> readCounts = new Lazy<>(() -> {
        MessagesConfig config = MessagesConfig.from(environment());
        return new DynamoDbReadCounts(aws(config.region()).dynamoDb(), config.messagesTable());
    });
    private final Lazy<UserDirectory> users = new Lazy<>(() -> {
        UsersConfig config = UsersConfig.from(environment());
        return new DynamoDbUserDirectory(aws(config.region()).dynamoDb(), config.usersTable());
    });
    private final Lazy<DynamoDbRateLimiter> rateLimiter = new Lazy<>(() -> new DynamoDbRateLimiter(
            aws(MediaConfig.region(environment())).dynamoDb(), environment().required(ConversationsConfig.RATE_LIMITS_TABLE)));
    /**
     * Delivery of events to live sockets, one per process: every use case that tells members
     * about something shares its management API client and its pool of posting threads.
     */
    private final Lazy<FanOut> fanOut = new Lazy<>(() -> {
        DeliveryConfig config = DeliveryConfig.from(environment());
        DynamoDbConnectionRepository connections = connections();
        return new FanOut(connections, new ManagementApiEventPublisher(managementApi(config), connections, config.postsInFlight()),
                metrics());
    });
    private final Lazy<PresenceWiring> presence = new Lazy<>(() -> new PresenceWiring(this));
    private final Lazy<ViewingWiring> viewing = new Lazy<>(() -> new ViewingWiring(this));
    private final Lazy<PushWiring> push = new Lazy<>(() -> new PushWiring(this));
    private final Lazy<MediaWiring> media = new Lazy<>(() -> new MediaWiring(this));
    private final Lazy<KeysWiring> keys = new Lazy<>(() -> new KeysWiring(this));
    private final Lazy<FanOutWiring> largeGroups = new Lazy<>(() -> new FanOutWiring(this));

    public CompositionRoot(Map<String, String> environment) {
        this.environment = new Environment(environment);
    }

    /** The process's {@code @connections} client, paced and retried as {@code config} says. */
    ApiGatewayManagementApiClient managementApi(DeliveryConfig config) {
        return aws(config.region()).managementApi(config.managementEndpoint(),
                PostPacing.perSecond(config.postsPerSecond()), config.postAttempts());
    }

    /**
     * Loads the classes every function shares before a SnapStart snapshot: the protocol codec and the
     * JWT parser. The handler's own path is primed next, by invoking it {@link #offline}.
     */
    public void prime() {
        ProtocolCodec codec = ProtocolCodec.instance();
        try {
            codec.decodeRequest("{\"action\":\"prime\",\"requestId\":\"prime\"}");
            codec.decodeRequest("not json");
        } catch (ProtocolException expected) {
            codec.encode(expected.toFrame());
        }
        codec.encode(new Frame.Error("prime", ErrorCode.UNKNOWN_ACTION, "prime"));
        try {
            JWTParser.parse("eyJhbGciOiJub25lIn0.eyJzdWIiOiJwcmltZSJ9.");
        } catch (ParseException e) {
            throw new IllegalStateException("a constant token parses", e);
        }
    }

    /**
     * Runs {@code work} with every AWS call of this function answered in-process by the priming HTTP
     * client (see {@link AwsClients#offline}): no network, no Parley resource, no counted call, and
     * no metric written ({@link EmfMetrics#discardWhile}).
     */
    public void offline(Runnable work) {
        if (environment.optional("AWS_REGION").isEmpty()) {
            // Without a region this function builds no AWS client (ping, $default): nothing to answer.
            metrics.discardWhile(work);
            return;
        }
        aws(MediaConfig.region(environment)).offline(() -> metrics.discardWhile(work));
    }

    /** The SDK's own warm-up of the clients this function has built so far (see {@link AwsClients#warmUp()}). */
    public void warmUpAwsClients() {
        AwsClients clients = awsIfBuilt();
        if (clients != null) {
            clients.warmUp();
        }
    }

    /** The process's S3 client, addressed path-style at {@code endpoint} when given (an emulator). */
    public S3Client s3(Optional<URI> endpoint) {
        return aws(MediaConfig.region(environment)).s3(endpoint);
    }

    /** The SDK call counts of this process, for logs and the cost benchmark. */
    public AwsCallCounter awsCalls() {
        return AwsCallCounter.process();
    }

    /** Delivery to live sockets; public for the functions of other modules ({@code functions.lambda}). */
    public FanOut fanOut() {
        return fanOut.get();
    }

    /** Parley's CloudWatch metrics (EMF lines on standard output); public for the functions of other modules. */
    public Metrics metrics() {
        return metrics;
    }

    Environment environment() {
        return environment;
    }

    Clock clock() {
        return clock;
    }

    /** The process's clients, built for the region of the first part that asks. */
    synchronized AwsClients aws(String region) {
        if (aws == null) {
            aws = new AwsClients(region, AwsCallCounter.process(), metrics());
        }
        return aws;
    }

    private synchronized AwsClients awsIfBuilt() {
        return aws;
    }

    DynamoDbConnectionRepository connections() {
        return connections.get();
    }

    DynamoDbDeviceRegistry devices() {
        return devices.get();
    }

    DynamoDbUserSettings userSettings() {
        return userSettings.get();
    }

    MessageRepository messages() {
        return messages.get();
    }

    DynamoDbTimeline timeline() {
        return timeline.get();
    }

    DynamoDbMemberCursors memberCursors() {
        return memberCursors.get();
    }

    /** Large conversations' read counts: shard items in the messages table, counted positions in the memberships rows. */
    ReadCounts readCounts() {
        return readCounts.get();
    }

    /** Membership in large conversations: the user's row (one consistent GetItem). */
    MemberRows memberRows() {
        return (userId, conversationId, read) -> memberCursors().row(userId, conversationId).isPresent();
    }

    UserDirectory users() {
        return users.get();
    }

    /** A per-minute limit of one action, counted in the rate limits table. */
    PerMinuteLimit perMinuteLimit(String action, int perMinute) {
        return new PerMinuteLimit(action, perMinute, rateLimiter.get(), clock);
    }

    PresenceWiring presence() {
        return presence.get();
    }

    PushWiring push() {
        return push.get();
    }

    /** Who views which conversation: viewConversation, and what a large conversation's fan-out reads and throttles. */
    public ViewingWiring viewing() {
        return viewing.get();
    }

    KeysWiring keys() {
        return keys.get();
    }

    /** Large conversations: their send path and the fan-out worker's parts. */
    FanOutWiring largeGroups() {
        return largeGroups.get();
    }

    public MediaWiring media() {
        return media.get();
    }
}
