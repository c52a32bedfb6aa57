package dev.parley.client;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.CreateConversationReply;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationReply;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.GetMediaUrlReply;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.GetPresenceReply;
import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.GetSettingsRequest;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.LeaveConversationReply;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.ListConversationsReply;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.ListDevicesReply;
import dev.parley.model.v1.ListDevicesRequest;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.MuteConversationReply;
import dev.parley.model.v1.MuteConversationRequest;
import dev.parley.model.v1.PingReply;
import dev.parley.model.v1.PingRequest;
import dev.parley.model.v1.ReadCountsReply;
import dev.parley.model.v1.ReadCountsRequest;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.RegisterDeviceReply;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.RequestUploadReply;
import dev.parley.model.v1.RequestUploadRequest;
import dev.parley.model.v1.RevokeDeviceReply;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SettingsReply;
import dev.parley.model.v1.SignOutEverywhereReply;
import dev.parley.model.v1.SignOutEverywhereRequest;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.TypingReply;
import dev.parley.model.v1.TypingRequest;
import dev.parley.model.v1.UnregisterDeviceReply;
import dev.parley.model.v1.UnregisterDeviceRequest;
import dev.parley.model.v1.UpdateSettingsRequest;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every action of protocol v1 (docs/protocol.md), one method each (group administration and invite links:
 * typed on {@link ParleyClient#groups()}), with the shared-model
 * records as requests and replies. A future fails with a {@link ParleyException}: a
 * {@link ParleyException.ServerError} carries the server's {@code ErrorCode} and message.
 *
 * <p>These are raw requests. Apps send messages through {@link ParleyClient#send}, which adds
 * the outbox's persistence and retries; {@link #sendMessage} is the single attempt underneath.
 */
public final class ParleyApi {
    private final Requester requester;

    public ParleyApi(Requester requester) {
        this.requester = requester;
    }

    /**
     * Any action by its protocol name, for actions this class has no method for (the E2EE
     * module's key directory, parley-client-signal, uses it). {@code fields} is written with the
     * protocol's mapper (null fields left out) and the reply read as {@code replyType}.
     */
    public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
        return requester.request(action, fields, replyType);
    }

    public CompletableFuture<FindUsersReply> findUsers(List<String> usernames) {
        return requester.request(Actions.FIND_USERS, new FindUsersRequest(usernames), FindUsersReply.class);
    }

    public CompletableFuture<CreateConversationReply> createConversation(CreateConversationRequest request) {
        return requester.request(Actions.CREATE_CONVERSATION, request, CreateConversationReply.class);
    }

    public CompletableFuture<GetConversationReply> getConversation(String conversationId) {
        return requester.request(Actions.GET_CONVERSATION, new GetConversationRequest(conversationId), GetConversationReply.class);
    }

    public CompletableFuture<ListConversationsReply> listConversations(Integer limit, String cursor) {
        return requester.request(Actions.LIST_CONVERSATIONS, new ListConversationsRequest(limit, cursor),
                ListConversationsReply.class);
    }

    /** One page of members by user id; {@link ParleyClient#listMembers} reads every page. */
    public CompletableFuture<ListMembersReply> listMembers(String conversationId, String afterUserId, Integer limit) {
        return requester.request(Actions.LIST_MEMBERS, new ListMembersRequest(conversationId, afterUserId, limit),
                ListMembersReply.class);
    }

    /** This socket views the conversation for {@code ttlSeconds}; a null conversationId stops. {@link ParleyClient#viewConversation} refreshes it. */
    public CompletableFuture<ViewConversationReply> viewConversation(String conversationId, Integer ttlSeconds) {
        return requester.request(Actions.VIEW_CONVERSATION, new ViewConversationRequest(conversationId, ttlSeconds),
                ViewConversationReply.class);
    }

    public CompletableFuture<ConversationReply> addMembers(String conversationId, List<String> userIds) {
        return requester.request(Actions.ADD_MEMBERS, new AddMembersRequest(conversationId, userIds), ConversationReply.class);
    }

    public CompletableFuture<ConversationReply> removeMembers(String conversationId, List<String> userIds) {
        return requester.request(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(conversationId, userIds),
                ConversationReply.class);
    }

    public CompletableFuture<LeaveConversationReply> leaveConversation(String conversationId) {
        return requester.request(Actions.LEAVE_CONVERSATION, new LeaveConversationRequest(conversationId),
                LeaveConversationReply.class);
    }

    public CompletableFuture<SendMessageReply> sendMessage(SendMessageRequest request) {
        return requester.request(Actions.SEND_MESSAGE, request, SendMessageReply.class);
    }

    /** A sendMessage with fields no record carries (the E2EE module's device-addressed form, docs/e2ee.md). */
    public CompletableFuture<SendMessageReply> sendMessage(com.fasterxml.jackson.databind.node.ObjectNode fields) {
        return requester.request(Actions.SEND_MESSAGE, fields, SendMessageReply.class);
    }

    public CompletableFuture<PingReply> ping() {
        return requester.request(Actions.PING, new PingRequest(), PingReply.class);
    }

    public CompletableFuture<ListDevicesReply> listDevices() {
        return requester.request(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class);
    }

    public CompletableFuture<RevokeDeviceReply> revokeDevice(String deviceId) {
        return requester.request(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(deviceId), RevokeDeviceReply.class);
    }

    public CompletableFuture<SignOutEverywhereReply> signOutEverywhere() {
        return requester.request(Actions.SIGN_OUT_EVERYWHERE, new SignOutEverywhereRequest(), SignOutEverywhereReply.class);
    }

    public CompletableFuture<SyncReply> sync(SyncRequest request) {
        return requester.request(Actions.SYNC, request, SyncReply.class);
    }

    public CompletableFuture<HistoryReply> history(String conversationId, Long beforeSeq, Integer limit) {
        return requester.request(Actions.HISTORY, new HistoryRequest(conversationId, beforeSeq, limit), HistoryReply.class);
    }

    public CompletableFuture<ReceiptReply> markDelivered(String conversationId, Long upToSeq) {
        return requester.request(Actions.MARK_DELIVERED, new MarkRequest(conversationId, upToSeq), ReceiptReply.class);
    }

    public CompletableFuture<ReceiptReply> markRead(String conversationId, Long upToSeq) {
        return requester.request(Actions.MARK_READ, new MarkRequest(conversationId, upToSeq), ReceiptReply.class);
    }

    /** One {@code readCounts} request: 1 to {@code Limits.MAX_READ_COUNT_SEQS} seqs of a large group; {@link ParleyClient#readCounts} takes any number. */
    public CompletableFuture<ReadCountsReply> readCounts(String conversationId, List<Long> seqs) {
        return requester.request(Actions.READ_COUNTS, new ReadCountsRequest(conversationId, seqs), ReadCountsReply.class);
    }

    /** {@code state}: "typing" or "stopped" (docs/protocol/live.md). */
    public CompletableFuture<TypingReply> typing(String conversationId, String state) {
        return requester.request(Actions.TYPING, new TypingRequest(conversationId, state), TypingReply.class);
    }

    public CompletableFuture<GetPresenceReply> getPresence(List<String> userIds) {
        return requester.request(Actions.GET_PRESENCE, new GetPresenceRequest(userIds), GetPresenceReply.class);
    }

    public CompletableFuture<SettingsReply> getSettings() {
        return requester.request(Actions.GET_SETTINGS, new GetSettingsRequest(), SettingsReply.class);
    }

    public CompletableFuture<SettingsReply> updateSettings(Boolean presenceVisible, Boolean pushPreview) {
        return requester.request(Actions.UPDATE_SETTINGS, new UpdateSettingsRequest(presenceVisible, pushPreview),
                SettingsReply.class);
    }

    public CompletableFuture<RegisterDeviceReply> registerDevice(String platform, String pushToken) {
        return requester.request(Actions.REGISTER_DEVICE, new RegisterDeviceRequest(platform, pushToken),
                RegisterDeviceReply.class);
    }

    public CompletableFuture<UnregisterDeviceReply> unregisterDevice() {
        return requester.request(Actions.UNREGISTER_DEVICE, new UnregisterDeviceRequest(), UnregisterDeviceReply.class);
    }

    public CompletableFuture<MuteConversationReply> muteConversation(String conversationId, boolean muted) {
        return requester.request(Actions.MUTE_CONVERSATION, new MuteConversationRequest(conversationId, muted),
                MuteConversationReply.class);
    }

    public CompletableFuture<RequestUploadReply> requestUpload(RequestUploadRequest request) {
        return requester.request(Actions.REQUEST_UPLOAD, request, RequestUploadReply.class);
    }

    public CompletableFuture<GetMediaUrlReply> getMediaUrl(String conversationId, String mediaId, List<String> versions) {
        return requester.request(Actions.GET_MEDIA_URL, new GetMediaUrlRequest(conversationId, mediaId, versions),
                GetMediaUrlReply.class);
    }
}
