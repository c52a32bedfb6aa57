package dev.parley.it;

import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.DeleteAccountReply;
import dev.parley.model.v1.DeleteAccountRequest;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationReply;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.RegisterDeviceReply;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.RequestUploadReply;
import dev.parley.model.v1.RequestUploadRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * deleteAccount over real sockets (docs/identity.md, "Deleting an account"), with an account made
 * for the test: what the peer sees afterwards, and what the deleted user can no longer do. The
 * tables it empties are checked item by item in the functions' DeleteAccountAgainstMotoTest.
 */
class AccountDeletionTest {
    private static final Duration PROCESSED = Duration.ofSeconds(30);

    /** The SNS endpoints owned by the user, as local-env's pushesUrl lists them; -1 on a target without one. */
    private static int pushEndpointsOf(TargetStack target, TestUser user) throws Exception {
        if (target.pushesUrl().isEmpty()) {
            return -1;
        }
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(target.pushesUrl().get()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        int owned = 0;
        for (com.fasterxml.jackson.databind.JsonNode endpoint : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())) {
            if (endpoint.path("customUserData").asText().startsWith(user.userId() + "/")) {
                owned++;
            }
        }
        return owned;
    }

    @Test
    void a_deleted_account_leaves_no_membership_media_or_push_endpoint_its_token_no_longer_connects_and_its_messages_stay_with_its_sender_id()
            throws Exception {
        TargetStack target = TestUsers.target();
        Optional<TestUser> created = target.newAccount("leaver");
        assumeThat(created).as("a target whose user pool the tests may add users to").isPresent();
        TestUser leaver = created.orElseThrow();
        TestUser bob = TestUsers.user(1);
        Device tablet = Device.connect(leaver, Device.uniqueId("tablet"), "android");
        try (Device phone = Device.connect(leaver, Device.uniqueId("phone"), "ios"); Device b = Device.connect(bob)) {
            assertThat(b.call(Actions.FIND_USERS, new FindUsersRequest(List.of(leaver.username())), FindUsersReply.class).users())
                    .as("findable before").hasSize(1);
            assertThat(phone.call(Actions.REGISTER_DEVICE, new RegisterDeviceRequest("APNS", "ab".repeat(32)),
                    RegisterDeviceReply.class).status()).isEqualTo("active");
            assertThat(pushEndpointsOf(target, leaver)).as("push endpoints (-1: the target does not say)").isIn(1, -1);
            String direct = phone.createDirect(bob.userId()).conversation().conversationId();
            String group = phone.createGroup("farewell", false, bob.userId()).conversationId();
            long goodbye = phone.send(direct, Device.uniqueId("m"), "goodbye").seq();
            byte[] photo = MediaFiles.jpeg(400, 300);
            RequestUploadReply upload = phone.call(Actions.REQUEST_UPLOAD,
                    new RequestUploadRequest(direct, "image/jpeg", (long) photo.length, false, null), RequestUploadReply.class);
            assertThat(MediaFiles.post(upload.upload(), photo, "image/jpeg")).isBetween(200, 299);
            phone.awaitEvent(Actions.MEDIA_READY_EVENT, p -> p.path("media").path("mediaId").asText().equals(upload.mediaId()),
                    MediaReadyEvent.class, PROCESSED, "mediaReady " + upload.mediaId());
            GetMediaUrlRequest photoUrl = new GetMediaUrlRequest(direct, upload.mediaId(), null);
            b.call(Actions.GET_MEDIA_URL, photoUrl, dev.parley.model.v1.GetMediaUrlReply.class);
            new PublishedKeys(1).publish(phone);
            b.call(Actions.CLAIM_KEYS, new dev.parley.model.v1.ClaimKeysRequest(leaver.userId(), null),
                    dev.parley.model.v1.ClaimKeysReply.class);

            DeleteAccountReply reply = phone.call(Actions.DELETE_ACCOUNT, new DeleteAccountRequest(leaver.username()),
                    DeleteAccountReply.class);

            assertThat(reply).isEqualTo(new DeleteAccountReply(2, 1, 1));
            tablet.socket().closeCode(Device.WAIT);
            ConversationEvent told = b.awaitConversationEvent(direct, "accountDeleted");
            assertThat(told.by()).isEqualTo(leaver.userId());
            assertThat(told.members()).containsExactly(leaver.userId());
            b.awaitConversationEvent(group, "accountDeleted");
            GetConversationReply groupAfter = b.get(group);
            assertThat(groupAfter.members()).extracting(MemberInfo::userId).containsExactly(bob.userId());
            assertThat(groupAfter.members()).extracting(MemberInfo::role).containsExactly("admin");
            assertThat(b.get(direct).members()).extracting(MemberInfo::userId).containsExactly(bob.userId());
            List<MessageEvent> history = b.call(Actions.HISTORY, new HistoryRequest(direct, null, null), HistoryReply.class).messages();
            assertThat(history).filteredOn(message -> message.seq() == goodbye).singleElement().satisfies(message -> {
                assertThat(message.senderId()).isEqualTo(leaver.userId());
                assertThat(message.text()).isEqualTo("goodbye");
            });
            assertThat(b.call(Actions.FIND_USERS, new FindUsersRequest(List.of(leaver.username())), FindUsersReply.class).users())
                    .as("the directory no longer knows the name").isEmpty();
            b.refused(Actions.GET_MEDIA_URL, photoUrl, ErrorCode.NOT_FOUND);
            b.refused(Actions.CLAIM_KEYS, new dev.parley.model.v1.ClaimKeysRequest(leaver.userId(), null), ErrorCode.NOT_FOUND);
            assertThat(b.call(Actions.GET_KEY_LOG, new dev.parley.model.v1.GetKeyLogRequest(leaver.userId(), null),
                    dev.parley.model.v1.KeyLogReply.class).entries()).as("the key log is gone with the account").isEmpty();
            assertThat(pushEndpointsOf(target, leaver)).as("push endpoints left (-1: the target does not say)").isIn(0, -1);
            assertThatThrownBy(() -> Device.reconnect(leaver, phone.deviceId()))
                    .as("the deleted user's access token is still unexpired, and refused")
                    .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> target.accessToken(leaver.username())).as("Cognito has no such user any more");
            b.assertAlive();
        } finally {
            tablet.abort();
        }
    }
}
