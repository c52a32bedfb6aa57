package dev.parley.functions;

import com.nimbusds.jwt.JWTParser;
import dev.parley.functions.adapter.apigateway.ManagementApiConnectionCloser;
import dev.parley.functions.adapter.apigateway.ManagementApiEventPublisher;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.cognito.CognitoSessionTerminator;
import dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry;
import dev.parley.functions.adapter.dynamodb.DynamoDbInboxes;
import dev.parley.functions.adapter.dynamodb.DynamoDbMemberActivity;
import dev.parley.functions.adapter.dynamodb.DynamoDbMemberCursors;
import dev.parley.functions.adapter.dynamodb.DynamoDbPresenceRecords;
import dev.parley.functions.adapter.sqs.SqsPresenceQueue;
import dev.parley.functions.adapter.dynamodb.DynamoDbTimeline;
import dev.parley.functions.adapter.dynamodb.DynamoDbPushRegistry;
import dev.parley.functions.adapter.dynamodb.DynamoDbUserSettings;
import dev.parley.functions.adapter.sns.SnsPushEndpoints;
import dev.parley.functions.adapter.sqs.SqsPushQueue;
import dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbRateLimiter;
import dev.parley.functions.adapter.dynamodb.DynamoDbUserDirectory;
import dev.parley.functions.adapter.jwt.CognitoAccessTokenVerifier;
import dev.parley.functions.config.AuthorizerConfig;
import dev.parley.functions.config.MemberActivityConfig;
import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.ConversationsConfig;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.config.DevicesConfig;
import dev.parley.functions.config.Environment;
import dev.parley.functions.config.MembershipsConfig;
import dev.parley.functions.config.MessagesConfig;
import dev.parley.functions.config.PresenceQueueConfig;
import dev.parley.functions.config.PushConfig;
import dev.parley.functions.config.PushQueueConfig;
import dev.parley.functions.config.UserPoolConfig;
import dev.parley.functions.config.UsersConfig;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.device.ConnectionCloser;
import dev.parley.functions.domain.device.DeviceRegistry;
import dev.parley.functions.domain.device.ListDevices;
import dev.parley.functions.domain.device.RegisterDevice;
import dev.parley.functions.domain.device.RevocationRecords;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;
import dev.parley.functions.domain.identity.AuthorizeConnection;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.domain.message.MemberActivity;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.presence.AnnouncePresence;
import dev.parley.functions.domain.presence.Contacts;
import dev.parley.functions.domain.presence.GetPresence;
import dev.parley.functions.domain.presence.PublishPresence;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.sync.History;
import dev.parley.functions.domain.sync.Sync;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.push.DeliverPushes;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.MuteConversation;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.push.RegisterForPush;
import dev.parley.functions.domain.push.StopPushes;
import dev.parley.functions.domain.push.UnregisterFromPush;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.functions.domain.user.GetSettings;
import dev.parley.functions.domain.user.UpdateSettings;
import dev.parley.functions.domain.user.RegisterUserProfile;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;
import dev.parley.model.v1.Actions;

import java.text.ParseException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where use cases meet their adapters. Each handler asks for what it needs, and
 * only that part of the configuration is read and validated, so the authorizer does not need
 * the messages table and $connect does not need a user pool.
 */
public final class CompositionRoot {
    private static final JsonLogger LOG = JsonLogger.of(CompositionRoot.class);
    private final Environment environment;
    private final Clock clock = Clock.systemUTC();
    private AwsClients aws;
    private DynamoDbConnectionRepository connections;
    private MessageRepository messages;
    private FanOut fanOut;
    private ConversationRepository conversations;
    private UserDirectory users;
    private DeviceRegistry devices;
    private DynamoDbPushRegistry pushRegistry;
    private SnsPushEndpoints pushEndpoints;
    private MediaComposition media;

    public CompositionRoot(Map<String, String> environment) {
        this.environment = new Environment(environment);
    }

    /** The authorizer: token checks from the user pool's configuration, revocations from the devices table. */
    public AuthorizeConnection authorizeConnection() {
        return authorizeConnection(devices());
    }

    /** The authorizer with given revocation records; for tests, which run it without a devices table. */
    public AuthorizeConnection authorizeConnection(RevocationRecords revocations) {
        AuthorizerConfig config = AuthorizerConfig.from(environment);
        return new AuthorizeConnection(
                new CognitoAccessTokenVerifier(config.jwksUrl(), config.issuer(), config.appClientIds(), clock), revocations);
    }

    /** $connect records the device and its platform in the devices table. */
    public RegisterDevice registerDevice() {
        return new RegisterDevice(devices(), clock);
    }

    public ListDevices listDevices() {
        return new ListDevices(devices(), connections(), clock);
    }

    public RevokeDevice revokeDevice() {
        return new RevokeDevice(devices(), connections(), connectionCloser(), stopPushes(), clock);
    }

    public SignOutEverywhere signOutEverywhere() {
        UserPoolConfig config = UserPoolConfig.from(environment);
        return new SignOutEverywhere(devices(), connections(), connectionCloser(),
                new CognitoSessionTerminator(aws(config.region()).cognito(), config.userPoolId()), stopPushes(), clock);
    }

    public RegisterConnection registerConnection() {
        return new RegisterConnection(connections(), announcePresence(), clock);
    }

    public RemoveConnection removeConnection() {
        return new RemoveConnection(connections(), announcePresence(), clock);
    }

    /** With MEDIA_TABLE set, messages may carry media (one more read per message that does). */
    public SendMessage sendMessage() {
        return new SendMessage(messages(), fanOut(), messagePushes(), memberActivity(), media().attachments(), clock);
    }

    public RequestUpload requestUpload() {
        return media().requestUpload(messages());
    }

    public GetMediaUrl getMediaUrl() {
        return media().getMediaUrl(messages());
    }

    /** The media table, for the media processor. */
    public MediaRepository mediaRepository() {
        return media().repository();
    }

    /** sync: the memberships table (what changed), the messages table (pages) and the devices table (push status). */
    public Sync sync() {
        DevicesConfig devicesConfig = DevicesConfig.from(environment);
        return new Sync(memberCursors(), timeline(), messages(),
                new DynamoDbDeviceRegistry(aws(devicesConfig.region()).dynamoDb(), devicesConfig.devicesTable()), clock);
    }

    public History history() {
        return new History(messages(), timeline());
    }

    /** markDelivered and markRead: the memberships table, the messages table (headers), and delivery. */
    public MarkReceipt markReceipt() {
        return new MarkReceipt(memberCursors(), messages(), fanOut(), clock);
    }

    /** getPresence: contacts from the memberships and messages tables, live sockets, and the devices table's # items. */
    public GetPresence getPresence() {
        DevicesConfig config = DevicesConfig.from(environment);
        return new GetPresence(contacts(), userSettings(), connections(),
                new DynamoDbPresenceRecords(aws(config.region()).dynamoDb(), config.devicesTable()));
    }

    public GetSettings getSettings() {
        return new GetSettings(userSettings());
    }

    public UpdateSettings updateSettings() {
        return new UpdateSettings(userSettings());
    }

    /** The presence worker: the devices table's # items, contacts, live sockets, and delivery. */
    public PublishPresence publishPresence() {
        DevicesConfig config = DevicesConfig.from(environment);
        return new PublishPresence(new DynamoDbPresenceRecords(aws(config.region()).dynamoDb(), config.devicesTable()),
                connections(), userSettings(), contacts(), fanOut());
    }

    /** typing: rate-limited in the rate limits table, delivered to the other members. */
    public SendTyping sendTyping() {
        ConversationsConfig config = ConversationsConfig.from(environment);
        DynamoDbRateLimiter limiter = new DynamoDbRateLimiter(aws(config.region()).dynamoDb(), config.rateLimitsTable());
        return new SendTyping(messages(), fanOut(), new PerMinuteLimit(Actions.TYPING, Limits.TYPING_PER_MINUTE, limiter, clock));
    }

    /** registerDevice: the SNS platform applications come from PUSH_APP_ARN_*; each is optional. */
    public RegisterForPush registerForPush() {
        return new RegisterForPush(pushRegistry(), pushEndpoints(), clock);
    }

    public UnregisterFromPush unregisterFromPush() {
        return new UnregisterFromPush(stopPushes());
    }

    public MuteConversation muteConversation() {
        return new MuteConversation(inboxes(), clock);
    }

    /** The push worker: devices, memberships and connections tables, and SNS. */
    public DeliverPushes deliverPushes() {
        return new DeliverPushes(pushRegistry(), connections(), inboxes(), userSettings(), pushEndpoints(), clock);
    }

    /** $connect keeps the user findable by username; it needs the users table besides the connections table. */
    public RegisterUserProfile registerUserProfile() {
        return new RegisterUserProfile(users());
    }

    public FindUsers findUsers() {
        ConversationsConfig config = ConversationsConfig.from(environment);
        DynamoDbRateLimiter limiter = new DynamoDbRateLimiter(aws(config.region()).dynamoDb(), config.rateLimitsTable());
        return new FindUsers(users(), new PerMinuteLimit(Actions.FIND_USERS, Limits.FIND_USERS_PER_MINUTE, limiter, clock));
    }

    public CreateConversation createConversation() {
        return new CreateConversation(conversations(), conversationEvents(), clock);
    }

    public GetConversation getConversation() {
        return new GetConversation(conversations());
    }

    public ListConversations listConversations() {
        return new ListConversations(conversations());
    }

    public AddMembers addMembers() {
        return new AddMembers(conversations(), conversationEvents(), clock);
    }

    public RemoveMembers removeMembers() {
        return new RemoveMembers(conversations(), conversationEvents());
    }

    public LeaveConversation leaveConversation() {
        return new LeaveConversation(conversations(), conversationEvents());
    }

    /**
     * Delivery of events to live sockets, one per process: every use case that tells members
     * about something shares its management API client and its pool of posting threads.
     */
    public synchronized FanOut fanOut() {
        if (fanOut == null) {
            DeliveryConfig config = DeliveryConfig.from(environment);
            DynamoDbConnectionRepository connections = connections();
            fanOut = new FanOut(connections, new ManagementApiEventPublisher(
                    aws(config.region()).managementApi(config.managementEndpoint()), connections));
        }
        return fanOut;
    }

    /** The SDK call counts of this process, for logs and the cost benchmark. */
    public AwsCallCounter awsCalls() {
        return AwsCallCounter.process();
    }

    /**
     * Loads the classes of the hot path before a SnapStart snapshot, with no network call: the
     * protocol codec, the JWT parser and, for functions that use it, the DynamoDB client.
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
        if (aws != null) {
            aws.warmUp();
        }
    }

    private synchronized DynamoDbConnectionRepository connections() {
        if (connections == null) {
            ConnectionsConfig config = ConnectionsConfig.from(environment);
            connections = new DynamoDbConnectionRepository(aws(config.region()).dynamoDb(), config.connectionsTable(),
                    environment.optional(DevicesConfig.DEVICES_TABLE), clock);
        }
        return connections;
    }

    private synchronized DeviceRegistry devices() {
        if (devices == null) {
            DevicesConfig config = DevicesConfig.from(environment);
            devices = new DynamoDbDeviceRegistry(aws(config.region()).dynamoDb(), config.devicesTable());
        }
        return devices;
    }

    /**
     * The send path's enqueue to the push worker; off when PUSH_QUEUE_URL or DEVICES_TABLE (where the
     * members' push summaries are, read with their connections) is not set.
     */
    private MessagePushes messagePushes() {
        PushQueueConfig config = PushQueueConfig.from(environment);
        return config.queueUrl()
                .filter(url -> environment.optional(DevicesConfig.DEVICES_TABLE).isPresent())
                .map(url -> new MessagePushes(new SqsPushQueue(aws(config.region()).sqs(), url)))
                .orElseGet(MessagePushes::off);
    }

    /**
     * The send path's updates of the members' rows; off (logged) without MEMBERSHIPS_TABLE, so a
     * deployment that predates sync keeps sending. Sync then sees no new messages: set it.
     */
    private MemberActivity memberActivity() {
        MemberActivityConfig config = MemberActivityConfig.from(environment);
        if (config.membershipsTable().isEmpty()) {
            LOG.warn("member activity off: MEMBERSHIPS_TABLE is not set", JsonLogger.fields());
            return MemberActivity.none();
        }
        return new DynamoDbMemberActivity(aws(config.region()).dynamoDb(), config.membershipsTable().get());
    }

    /**
     * $connect and $disconnect hand presence transitions to the presence queue; without
     * PRESENCE_QUEUE_URL (logged once per cold start) presence events are off and sockets do nothing more.
     */
    private AnnouncePresence announcePresence() {
        PresenceQueueConfig config = PresenceQueueConfig.from(environment);
        if (config.queueUrl().isEmpty()) {
            LOG.info("presence events off: PRESENCE_QUEUE_URL is not set", JsonLogger.fields());
            return AnnouncePresence.off();
        }
        DevicesConfig devicesConfig = DevicesConfig.from(environment);
        return new AnnouncePresence(new DynamoDbPresenceRecords(aws(config.region()).dynamoDb(), devicesConfig.devicesTable()),
                new SqsPresenceQueue(aws(config.region()).sqs(), config.queueUrl().get()), clock);
    }

    private Contacts contacts() {
        return new Contacts(memberCursors(), timeline());
    }

    private DynamoDbUserSettings userSettings() {
        DevicesConfig config = DevicesConfig.from(environment);
        return new DynamoDbUserSettings(aws(config.region()).dynamoDb(), config.devicesTable());
    }

    private DynamoDbMemberCursors memberCursors() {
        MembershipsConfig config = MembershipsConfig.from(environment);
        return new DynamoDbMemberCursors(aws(config.region()).dynamoDb(), config.membershipsTable());
    }

    private DynamoDbTimeline timeline() {
        MessagesConfig config = MessagesConfig.from(environment);
        return new DynamoDbTimeline(aws(config.region()).dynamoDb(), config.messagesTable());
    }

    private StopPushes stopPushes() {
        return new StopPushes(pushRegistry(), pushEndpoints());
    }

    private synchronized DynamoDbPushRegistry pushRegistry() {
        if (pushRegistry == null) {
            DevicesConfig config = DevicesConfig.from(environment);
            pushRegistry = new DynamoDbPushRegistry(aws(config.region()).dynamoDb(), config.devicesTable());
        }
        return pushRegistry;
    }

    private synchronized SnsPushEndpoints pushEndpoints() {
        if (pushEndpoints == null) {
            PushConfig config = PushConfig.from(environment);
            Map<PushPlatform, String> applications = new EnumMap<>(PushPlatform.class);
            put(applications, PushPlatform.APNS, config.apns());
            put(applications, PushPlatform.APNS_SANDBOX, config.apnsSandbox());
            put(applications, PushPlatform.FCM, config.fcm());
            pushEndpoints = new SnsPushEndpoints(aws(config.region()).sns(), applications);
        }
        return pushEndpoints;
    }

    private static void put(Map<PushPlatform, String> applications, PushPlatform platform, Optional<String> arn) {
        arn.ifPresent(value -> applications.put(platform, value));
    }

    private DynamoDbInboxes inboxes() {
        MembershipsConfig config = MembershipsConfig.from(environment);
        return new DynamoDbInboxes(aws(config.region()).dynamoDb(), config.membershipsTable());
    }

    private ConnectionCloser connectionCloser() {
        DeliveryConfig config = DeliveryConfig.from(environment);
        return new ManagementApiConnectionCloser(aws(config.region()).managementApi(config.managementEndpoint()));
    }

    private synchronized MessageRepository messages() {
        if (messages == null) {
            MessagesConfig config = MessagesConfig.from(environment);
            messages = new DynamoDbMessageRepository(aws(config.region()).dynamoDb(), config.messagesTable());
        }
        return messages;
    }

    /** Conversation headers live in the messages table; each user's side of them in the memberships table. */
    private synchronized ConversationRepository conversations() {
        if (conversations == null) {
            MessagesConfig messagesConfig = MessagesConfig.from(environment);
            ConversationsConfig config = ConversationsConfig.from(environment);
            conversations = new DynamoDbConversationRepository(aws(config.region()).dynamoDb(),
                    messagesConfig.messagesTable(), config.membershipsTable());
        }
        return conversations;
    }

    /** The events of a membership change, and the touch of the remaining members' rows that sync reads. */
    private ConversationEvents conversationEvents() {
        ConversationsConfig config = ConversationsConfig.from(environment);
        return new ConversationEvents(fanOut(), new DynamoDbMemberActivity(aws(config.region()).dynamoDb(),
                config.membershipsTable()), clock);
    }

    private synchronized UserDirectory users() {
        if (users == null) {
            UsersConfig config = UsersConfig.from(environment);
            users = new DynamoDbUserDirectory(aws(config.region()).dynamoDb(), config.usersTable());
        }
        return users;
    }

    private synchronized MediaComposition media() {
        if (media == null) {
            media = new MediaComposition(environment, this::aws, clock);
        }
        return media;
    }

    private synchronized AwsClients aws(String region) {
        if (aws == null) {
            aws = new AwsClients(region, AwsCallCounter.process());
        }
        return aws;
    }
}
