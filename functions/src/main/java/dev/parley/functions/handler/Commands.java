package dev.parley.functions.handler;

import dev.parley.functions.domain.conversation.CreateInvite;
import dev.parley.functions.domain.conversation.JoinByInvite;
import dev.parley.functions.domain.conversation.ListInvites;
import dev.parley.functions.domain.conversation.RevokeInvite;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.ListMembers;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.conversation.SetRole;
import dev.parley.functions.domain.conversation.UpdateGroup;
import dev.parley.functions.domain.account.DeleteAccount;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.keys.ClaimKeys;
import dev.parley.functions.domain.keys.GetKeyLog;
import dev.parley.functions.domain.keys.PublishKeys;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.domain.presence.GetPresence;
import dev.parley.functions.domain.push.MuteConversation;
import dev.parley.functions.domain.push.RegisterForPush;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.sync.History;
import dev.parley.functions.domain.sync.Sync;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.functions.domain.user.UpdateSettings;
import dev.parley.functions.domain.message.Envelope;
import dev.parley.functions.domain.message.MessageDraft;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.ClaimKeysRequest;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.GetKeyLogRequest;
import dev.parley.model.v1.PublishKeysRequest;
import dev.parley.model.v1.SignedPreKeyInfo;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.MuteConversationRequest;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.SetRoleRequest;
import dev.parley.model.v1.CreateInviteRequest;
import dev.parley.model.v1.JoinByInviteRequest;
import dev.parley.model.v1.ListInvitesRequest;
import dev.parley.model.v1.RevokeInviteRequest;
import dev.parley.model.v1.UpdateGroupRequest;
import dev.parley.model.v1.RequestUploadRequest;
import dev.parley.model.v1.DeleteAccountRequest;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.TypingRequest;
import dev.parley.model.v1.UpdateSettingsRequest;

import java.util.List;

/**
 * Wire to domain: each action's request record, as the codec read it, becomes its use case's
 * command. Use cases never see the wire records; checking the fields is theirs (or their
 * command's, as MessageDraft does for sendMessage), so every field error reads the same.
 */
final class Commands {
    private Commands() {
    }

    static AddMembers.Command of(AddMembersRequest request) {
        return new AddMembers.Command(request.conversationId(), request.userIds());
    }

    /** The draft of a sendMessage, its fields checked by {@link MessageDraft#of}. */
    static MessageDraft draft(SendMessageRequest request) {
        List<Envelope.Fields> envelopes = request.envelopes() == null ? null : request.envelopes().stream()
                .map(envelope -> envelope == null ? null : new Envelope.Fields(envelope.userId(), envelope.deviceNum(),
                        envelope.registrationId(), envelope.type(), envelope.ciphertext()))
                .toList();
        return MessageDraft.of(request.conversationId(), request.clientMessageId(), request.text(), request.ciphertext(),
                request.alg(), request.replyToSeq(), request.media(), envelopes, request.partial()).withMentions(request.mentions())
                .withMembersEpoch(request.membersEpoch());
    }

    static CreateConversation.Command of(CreateConversationRequest request) {
        return new CreateConversation.Command(request.kind(), request.members(), request.title(), request.e2ee());
    }

    static FindUsers.Command of(FindUsersRequest request) {
        return new FindUsers.Command(request.usernames());
    }

    static GetConversation.Command of(GetConversationRequest request) {
        return new GetConversation.Command(request.conversationId());
    }

    static GetMediaUrl.Command of(GetMediaUrlRequest request) {
        return new GetMediaUrl.Command(request.conversationId(), request.mediaId(), request.versions());
    }

    static GetPresence.Command of(GetPresenceRequest request) {
        return new GetPresence.Command(request.userIds());
    }

    static History.Command of(HistoryRequest request) {
        return new History.Command(request.conversationId(), request.beforeSeq(), request.limit());
    }

    static LeaveConversation.Command of(LeaveConversationRequest request) {
        return new LeaveConversation.Command(request.conversationId());
    }

    static ListConversations.Command of(ListConversationsRequest request) {
        return new ListConversations.Command(request.limit(), request.cursor());
    }

    static ListMembers.Command of(ListMembersRequest request) {
        return new ListMembers.Command(request.conversationId(), request.afterUserId(), request.limit());
    }

    static MarkReceipt.Command of(MarkRequest request) {
        return new MarkReceipt.Command(request.conversationId(), request.upToSeq());
    }

    static MuteConversation.Command of(MuteConversationRequest request) {
        return new MuteConversation.Command(request.conversationId(), request.muted());
    }

    static RegisterForPush.Command of(RegisterDeviceRequest request) {
        return new RegisterForPush.Command(request.platform(), request.token());
    }

    static SetRole.Command of(SetRoleRequest request) {
        return new SetRole.Command(request.conversationId(), request.userId(), request.role());
    }

    static CreateInvite.Command of(CreateInviteRequest request) {
        return new CreateInvite.Command(request.conversationId(), request.expiresInSeconds(), request.maxUses());
    }

    static JoinByInvite.Command of(JoinByInviteRequest request) {
        return new JoinByInvite.Command(request.token());
    }

    static RevokeInvite.Command of(RevokeInviteRequest request) {
        return new RevokeInvite.Command(request.conversationId(), request.inviteId());
    }

    static ListInvites.Command of(ListInvitesRequest request) {
        return new ListInvites.Command(request.conversationId(), request.afterInviteId(), request.limit());
    }

    static UpdateGroup.Command of(UpdateGroupRequest request) {
        return new UpdateGroup.Command(request.conversationId(), request.title(), request.postPolicy());
    }

    static RemoveMembers.Command of(RemoveMembersRequest request) {
        return new RemoveMembers.Command(request.conversationId(), request.userIds());
    }

    static RequestUpload.Command of(RequestUploadRequest request) {
        return new RequestUpload.Command(request.conversationId(), request.contentType(), request.size(), request.encrypted(), request.thumbnailSize());
    }

    static DeleteAccount.Command of(DeleteAccountRequest request) {
        return new DeleteAccount.Command(request.confirmUsername());
    }

    static RevokeDevice.Command of(RevokeDeviceRequest request) {
        return new RevokeDevice.Command(request.deviceId());
    }

    static PublishKeys.Command of(PublishKeysRequest request) {
        return new PublishKeys.Command(request.registrationId(), request.identityKey(), key(request.signedPreKey()),
                key(request.kyberLastResortKey()),
                request.oneTimePreKeys() == null ? null : request.oneTimePreKeys().stream()
                        .map(key -> key == null ? null : new PublishKeys.KeyFields(key.keyId(), key.publicKey(), null))
                        .toList(),
                request.oneTimeKyberPreKeys() == null ? null : request.oneTimeKyberPreKeys().stream().map(Commands::key).toList());
    }

    private static PublishKeys.KeyFields key(SignedPreKeyInfo key) {
        return key == null ? null : new PublishKeys.KeyFields(key.keyId(), key.publicKey(), key.signature());
    }

    static ClaimKeys.Command of(ClaimKeysRequest request) {
        return new ClaimKeys.Command(request.userId(), request.deviceNum());
    }

    static GetKeyLog.Command of(GetKeyLogRequest request) {
        return new GetKeyLog.Command(request.userId(), request.afterSeq());
    }

    static SendTyping.Command of(TypingRequest request) {
        return new SendTyping.Command(request.conversationId(), request.state());
    }

    static Sync.Command of(SyncRequest request) {
        return new Sync.Command(request.cursors(), request.since(), request.limit());
    }

    static UpdateSettings.Command of(UpdateSettingsRequest request) {
        return new UpdateSettings.Command(request.presenceVisible(), request.pushPreview());
    }
}
