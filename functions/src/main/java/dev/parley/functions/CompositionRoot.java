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
import dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbRateLimiter;
import dev.parley.functions.adapter.dynamodb.DynamoDbUserDirectory;
import dev.parley.functions.adapter.jwt.CognitoAccessTokenVerifier;
import dev.parley.functions.config.AuthorizerConfig;
import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.ConversationsConfig;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.config.DevicesConfig;
import dev.parley.functions.config.Environment;
import dev.parley.functions.config.MessagesConfig;
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
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.user.FindUsers;
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
import java.util.Map;

/**
 * The one place where use cases meet their adapters. Each handler asks for what it needs, and
 * only that part of the configuration is read and validated, so the authorizer does not need
 * the messages table and $connect does not need a user pool.
 */
public final class CompositionRoot {
    private final Environment environment;
    private final Clock clock = Clock.systemUTC();
    private AwsClients aws;
    private DynamoDbConnectionRepository connections;
    private MessageRepository messages;
    private FanOut fanOut;
    private ConversationRepository conversations;
    private UserDirectory users;
    private DeviceRegistry devices;

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
        return new RevokeDevice(devices(), connections(), connectionCloser(), clock);
    }

    public SignOutEverywhere signOutEverywhere() {
        UserPoolConfig config = UserPoolConfig.from(environment);
        return new SignOutEverywhere(devices(), connections(), connectionCloser(),
                new CognitoSessionTerminator(aws(config.region()).cognito(), config.userPoolId()), clock);
    }

    public RegisterConnection registerConnection() {
        return new RegisterConnection(connections(), clock);
    }

    public RemoveConnection removeConnection() {
        return new RemoveConnection(connections());
    }

    public SendMessage sendMessage() {
        return new SendMessage(messages(), fanOut(), clock);
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
            connections = new DynamoDbConnectionRepository(aws(config.region()).dynamoDb(), config.connectionsTable(), clock);
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

    private ConversationEvents conversationEvents() {
        return new ConversationEvents(fanOut());
    }

    private synchronized UserDirectory users() {
        if (users == null) {
            UsersConfig config = UsersConfig.from(environment);
            users = new DynamoDbUserDirectory(aws(config.region()).dynamoDb(), config.usersTable());
        }
        return users;
    }

    private synchronized AwsClients aws(String region) {
        if (aws == null) {
            aws = new AwsClients(region, AwsCallCounter.process());
        }
        return aws;
    }
}
