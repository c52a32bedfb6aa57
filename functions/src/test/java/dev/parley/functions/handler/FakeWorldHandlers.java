package dev.parley.functions.handler;

import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.functions.domain.message.MemberDevices;
import dev.parley.functions.domain.keys.ClaimKeys;
import dev.parley.functions.domain.keys.DeviceChanges;
import dev.parley.functions.domain.keys.GetKeyCounts;
import dev.parley.functions.domain.keys.GetKeyLog;
import dev.parley.functions.domain.keys.InMemoryKeyDirectory;
import dev.parley.functions.domain.keys.PublishKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.CreateInvite;
import dev.parley.functions.domain.conversation.JoinByInvite;
import dev.parley.functions.domain.conversation.ListInvites;
import dev.parley.functions.domain.conversation.RevokeInvite;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.ListMembers;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.conversation.SetRole;
import dev.parley.functions.domain.conversation.UpdateGroup;
import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.domain.device.ListDevices;
import dev.parley.functions.domain.device.RecordingConnectionCloser;
import dev.parley.functions.domain.device.RecordingSessionTerminator;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.InMemoryMediaRepository;
import dev.parley.functions.domain.media.MediaAttachments;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.message.LargeGroupSend;
import dev.parley.functions.domain.presence.Contacts;
import dev.parley.functions.domain.presence.GetPresence;
import dev.parley.functions.domain.presence.InMemoryPresenceRecords;
import dev.parley.functions.domain.push.FakePushEndpoints;
import dev.parley.functions.domain.push.InMemoryInboxes;
import dev.parley.functions.domain.push.InMemoryPushRegistry;
import dev.parley.functions.domain.push.InMemoryUserSettings;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.MuteConversation;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.push.RegisterForPush;
import dev.parley.functions.domain.push.StopPushes;
import dev.parley.functions.domain.push.UnregisterFromPush;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.receipt.CountedReads;
import dev.parley.functions.domain.receipt.GetReadCounts;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.sync.SyncWorld;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.functions.domain.user.GetSettings;
import dev.parley.functions.domain.user.InMemoryUserDirectory;
import dev.parley.functions.domain.user.UpdateSettings;
import dev.parley.model.v1.UploadForm;
import dev.parley.model.v1.Actions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every action route of the WebSocket API, each served by its real handler class around its real
 * use cases over in-memory stores, as the handler tests build them one function at a time. The
 * caller is the fixture events' user (alice on iphone-7f3a), a member of {@link #GROUP}.
 */
public final class FakeWorldHandlers {
    public static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    public static final String BOB = "0b7c4f1e-8d2a-4c3b-9e5f-1a2b3c4d5e6f";
    public static final String DEVICE = "iphone-7f3a";
    public static final String OTHER_DEVICE = "tablet-1";
    /** A group of alice and bob that every conversation store here knows. */
    public static final String GROUP = "g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b";

    /** A function as API Gateway invokes it: the event in, the route response out. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event);
    }

    private final Map<String, Route> routes = new HashMap<>();
    private final Route defaultRoute;

    public FakeWorldHandlers() {
        SyncWorld world = new SyncWorld();
        world.conversation(GROUP, Kind.GROUP, ALICE, BOB);

        InMemoryConversationRepository conversations = new InMemoryConversationRepository();
        conversations.create(Conversation.created(GROUP, Kind.GROUP, "Team", false, Set.of(ALICE, BOB), Set.of(ALICE),
                world.clock.instant(), ALICE));
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        users.register("bob", BOB);
        ConversationEvents events = new ConversationEvents(world.fanOut);
        serve(new ConversationsHandler(new ConversationsHandler.UseCases(
                        new FindUsers(users, limit("findUsers", 30, world)),
                        new CreateConversation(conversations, events, world.clock),
                        new GetConversation(conversations),
                        new ListConversations(conversations),
                        new AddMembers(conversations, events, world.clock),
                        new RemoveMembers(conversations, events),
                        new LeaveConversation(conversations, events),
                        new ListMembers(conversations, users::usernames), new SetRole(conversations, events), new UpdateGroup(conversations, events),
                        new ConversationsHandler.InviteLinks(new CreateInvite(conversations, conversations.invites, world.clock),
                                new JoinByInvite(conversations, conversations.invites, events, world.clock),
                                new RevokeInvite(conversations, conversations.invites),
                                new ListInvites(conversations, conversations.invites))))::handleRequest,
                Actions.FIND_USERS, Actions.CREATE_CONVERSATION, Actions.GET_CONVERSATION, Actions.LIST_CONVERSATIONS,
                Actions.ADD_MEMBERS, Actions.REMOVE_MEMBERS, Actions.LEAVE_CONVERSATION, Actions.LIST_MEMBERS,
                Actions.SET_ROLE, Actions.UPDATE_GROUP, Actions.CREATE_INVITE, Actions.JOIN_BY_INVITE, Actions.REVOKE_INVITE,
                Actions.LIST_INVITES);

        InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
        devices.seen(ALICE, DEVICE, "ios", world.clock.instant());
        devices.seen(ALICE, OTHER_DEVICE, "android", world.clock.instant());
        world.connections.save(Connection.opened("eRcq1dBfoAMCJfw=", ALICE, DEVICE, world.clock.instant()));
        RecordingConnectionCloser closer = new RecordingConnectionCloser();
        InMemoryKeyDirectory keys = new InMemoryKeyDirectory();
        DevicesHandler.KeyUseCases keyUseCases = new DevicesHandler.KeyUseCases(
                new PublishKeys(keys, keys, DeviceChanges.NONE, world.clock), new GetKeyCounts(keys),
                new ClaimKeys(keys, keys, limit("claimKeys", 20, world), world.fanOut), new GetKeyLog(keys));
        serve(new DevicesHandler(new DevicesHandler.UseCases(
                        new ListDevices(devices, world.connections, world.clock),
                        new RevokeDevice(devices, world.connections, closer, world.clock),
                        new SignOutEverywhere(devices, world.connections, closer, new RecordingSessionTerminator(), world.clock),
                        () -> {
                            throw new IllegalStateException("no deleteAccount in this world");
                        }, () -> keyUseCases))
                        ::handleRequest,
                Actions.LIST_DEVICES, Actions.REVOKE_DEVICE, Actions.SIGN_OUT_EVERYWHERE, Actions.PUBLISH_KEYS,
                Actions.GET_KEY_COUNTS, Actions.CLAIM_KEYS, Actions.GET_KEY_LOG);

        InMemoryMediaRepository media = new InMemoryMediaRepository();
        serve(new SendMessageHandler(new SendMessage(world.messages, world.fanOut, MessagePushes.off(), world.rows,
                new MediaAttachments(media), MemberDevices.NONE, world.clock, LargeGroupSend.off()))::handleRequest, Actions.SEND_MESSAGE);
        serve(new SyncHandler(world.sync(), world.history())::handleRequest, Actions.SYNC, Actions.HISTORY);
        dev.parley.functions.domain.receipt.InMemoryReadCounts readCounts = new dev.parley.functions.domain.receipt.InMemoryReadCounts();
        serve(new ActivityHandler(new MarkReceipt(new CountedReads(world.rows, readCounts), world.messages, world.fanOut, world.clock),
                        new SendTyping(world.messages, world.fanOut, limit("typing", 60, world), dev.parley.functions.domain.conversation.MemberRows.none()),
                        null, new GetReadCounts(world.rows, readCounts))::handleRequest,
                Actions.MARK_DELIVERED, Actions.MARK_READ, Actions.TYPING, Actions.READ_COUNTS);

        InMemoryUserSettings settings = new InMemoryUserSettings();
        serve(new PresenceHandler(
                        new GetPresence(new Contacts(world.rows, world.timeline), settings, userIds -> List.of(),
                                new InMemoryPresenceRecords()),
                        new GetSettings(settings), new UpdateSettings(settings))::handleRequest,
                Actions.GET_PRESENCE, Actions.GET_SETTINGS, Actions.UPDATE_SETTINGS);

        InMemoryPushRegistry registry = new InMemoryPushRegistry();
        FakePushEndpoints endpoints = new FakePushEndpoints(PushPlatform.values());
        serve(new PushHandler(new PushHandler.UseCases(
                        new RegisterForPush(registry, endpoints, world.clock),
                        new UnregisterFromPush(new StopPushes(registry, endpoints)),
                        new MuteConversation(new InMemoryInboxes(), world.clock)))::handleRequest,
                Actions.REGISTER_DEVICE, Actions.UNREGISTER_DEVICE, Actions.MUTE_CONVERSATION);

        serve(new MediaHandler(new MediaHandler.UseCases(
                        new RequestUpload(world.messages, MemberRows.none(), media,
                                (key, contentType, size, expiresAt) -> new UploadForm("https://bucket.test", Map.of("key", key)),
                                limit("requestUpload", 30, world), world.clock),
                        new GetMediaUrl(world.messages, MemberRows.none(), media, (key, expiresAt) -> "https://cdn.test/" + key, world.clock)))
                        ::handleRequest,
                Actions.REQUEST_UPLOAD, Actions.GET_MEDIA_URL);

        serve(new PingHandler(world.clock)::handleRequest, Actions.PING);
        DefaultHandler fallback = new DefaultHandler(Map.of());
        defaultRoute = event -> fallback.handleRequest(event, null);
    }

    private static PerMinuteLimit limit(String action, int perMinute, SyncWorld world) {
        return new PerMinuteLimit(action, perMinute, new InMemoryRateLimiter(), world.clock);
    }

    private void serve(java.util.function.BiFunction<APIGatewayV2WebSocketEvent, com.amazonaws.services.lambda.runtime.Context,
            APIGatewayV2WebSocketResponse> handler, String... actions) {
        for (String action : actions) {
            routes.put(action, event -> handler.apply(event, null));
        }
    }

    /** The route API Gateway picks for this route key: the action's function, or $default. */
    public Route route(String routeKey) {
        return routes.getOrDefault(routeKey, defaultRoute);
    }

    /** The route keys of every action. */
    public Set<String> actions() {
        return Set.copyOf(routes.keySet());
    }
}
