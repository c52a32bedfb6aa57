package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.model.ErrorCode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ListConversationsReply;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.PresenceInfo;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.RegisterDeviceReply;
import dev.parley.model.v1.RegisterDeviceRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.UnregisterDeviceReply;
import dev.parley.model.v1.UnregisterDeviceRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Pushes of a large group over real sockets and the local cloud's SNS (issue 18, docs/protocol/push.md):
 * only members a message mentions or replies to, none while one of their sockets views the group, at most
 * one per member and group per collapse window; mentions of non-members refused; a push's badge counts the
 * group's unread messages from its timeline. What SNS published is
 * read back from local-env's {@code pushesUrl}, so the test runs only against local-env.
 */
class LargeGroupPushesTest extends WithThreeUsers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The offline debounce, plus the presence queue's delivery and a margin. */
    private static final Duration OFFLINE_WAIT = Duration.ofSeconds(Limits.PRESENCE_DEBOUNCE_SECONDS + 15);
    /** A push job runs after the send's reply: the push queue's poll, the worker, SNS. */
    private static final Duration PUSHED = Duration.ofSeconds(30);

    /** A device of {@code user} registered for APNS with a token of its own, then disconnected. */
    private record OfflinePhone(String deviceId, String token) {
    }

    private static OfflinePhone offlinePhone(TestUsers.TestUser user) {
        String deviceId = Device.uniqueId("phone");
        String token = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        try (Device phone = Device.connect(user, deviceId, "ios")) {
            assertThat(phone.call(Actions.REGISTER_DEVICE, new RegisterDeviceRequest("APNS", token), RegisterDeviceReply.class)
                    .status()).isEqualTo("active");
        }
        return new OfflinePhone(deviceId, token);
    }

    private static void unregister(TestUsers.TestUser user, OfflinePhone phone) {
        try (Device device = Device.reconnect(user, phone.deviceId())) {
            device.call(Actions.UNREGISTER_DEVICE, new UnregisterDeviceRequest(), UnregisterDeviceReply.class);
        }
    }

    /** The APNs payload of every push SNS published to the endpoint of {@code token}, in order. */
    private static List<JsonNode> pushed(URI pushesUrl, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(pushesUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> payloads = new ArrayList<>();
        for (JsonNode endpoint : JSON.readTree(response.body())) {
            if (token.equals(endpoint.path("token").asText())) {
                for (JsonNode message : endpoint.path("messages")) {
                    JsonNode published = JSON.readTree(message.path("message").asText());
                    payloads.add(JSON.readTree(published.path("APNS").asText()));
                }
            }
        }
        return payloads;
    }

    /** The seq of every push SNS published to the endpoint of {@code token}, in order. */
    private static List<Long> pushedSeqs(URI pushesUrl, String token) throws Exception {
        return pushed(pushesUrl, token).stream().map(payload -> payload.path("seq").asLong()).toList();
    }

    /**
     * Marks each of the device's user's conversations but {@code except} read to its last seq, so
     * that only {@code except} and what comes next count in a badge.
     */
    private static void readAllBut(Device device, String except) {
        String cursor = null;
        do {
            ListConversationsReply page = device.call(Actions.LIST_CONVERSATIONS,
                    new ListConversationsRequest(Limits.MAX_PAGE, cursor), ListConversationsReply.class);
            page.conversations().stream()
                    .filter(conversation -> conversation.unreadCount() > 0 && !conversation.conversationId().equals(except))
                    .forEach(conversation -> device.call(Actions.MARK_READ,
                            new MarkRequest(conversation.conversationId(), conversation.lastSeq()), ReceiptReply.class));
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /** Polls what SNS published to {@code token} until it holds {@code seq}; returns every seq by then. */
    private static List<Long> awaitPush(URI pushesUrl, String token, long seq) throws Exception {
        long deadline = System.nanoTime() + PUSHED.toNanos();
        while (true) {
            List<Long> seqs = pushedSeqs(pushesUrl, token);
            if (seqs.contains(seq)) {
                return seqs;
            }
            assertThat(System.nanoTime()).as("a push of seq %d within %s; pushed so far: %s", seq, PUSHED, seqs)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Polls what SNS published to {@code token} until it holds the push of {@code seq} in {@code conversationId}. */
    private static JsonNode awaitPayload(URI pushesUrl, String token, String conversationId, long seq) throws Exception {
        long deadline = System.nanoTime() + PUSHED.toNanos();
        while (true) {
            for (JsonNode payload : pushed(pushesUrl, token)) {
                if (payload.path("conversationId").asText().equals(conversationId) && payload.path("seq").asLong() == seq) {
                    return payload;
                }
            }
            assertThat(System.nanoTime()).as("a push of %s seq %d within %s", conversationId, seq, PUSHED).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitOffline(Device watcher, TestUsers.TestUser user) {
        watcher.awaitEvent(Actions.PRESENCE_EVENT,
                p -> p.path("userId").asText().equals(user.userId()) && p.path("status").asText().equals("offline"),
                PresenceInfo.class, OFFLINE_WAIT, "presence offline of " + user.userId());
    }

    private static SendMessageReply send(Device device, String id, String text, Long replyToSeq, List<String> mentions) {
        return device.call(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), text, null, null, replyToSeq,
                null, null, null, mentions), SendMessageReply.class);
    }

    @Test
    void only_mentioned_and_replied_to_members_get_a_push_none_while_viewing_and_one_per_window() throws Exception {
        TargetStack target = TestUsers.target();
        assumeThat(target.pushesUrl()).as("a target that shows what SNS published (local-env)").isPresent();
        URI pushes = target.pushesUrl().orElseThrow();
        try (Device a = Device.connect(alice)) {
            String id = LargeGroupsTest.largeGroup(a, 70);
            // Presence goes to those who share a conversation whose header lists them: a large group's lists nobody.
            String withBob = a.createDirect(bob.userId()).conversation().conversationId();
            a.createDirect(carol.userId());
            OfflinePhone bobPhone = offlinePhone(bob);
            OfflinePhone carolPhone = offlinePhone(carol);
            try {
                // Offline as others see it: each phone's $disconnect ran, so no push finds it live.
                awaitOffline(a, bob);
                awaitOffline(a, carol);
                try (Device bobWeb = Device.connect(bob, Device.uniqueId("web"), "web")) {
                    long question = send(bobWeb, id, "who takes this one?", null, null).seq();
                    LargeGroupsTest.view(bobWeb, id);
                    long whileViewing = send(a, id, "@bob while you look", null, List.of(bob.userId())).seq();
                    bobWeb.awaitMessage(id, whileViewing);
                    // bob's web turns to another conversation: still live, no longer viewing the group.
                    LargeGroupsTest.view(bobWeb, withBob);
                    long plain = send(a, id, "nobody named", null, null).seq();

                    long reply = send(a, id, "I will", question, null).seq();
                    assertThat(awaitPush(pushes, bobPhone.token(), reply)).as("bob: the reply only")
                            .containsExactly(reply).doesNotContain(whileViewing, plain);

                    long again = send(a, id, "@bob @carol both of you", null, List.of(bob.userId(), carol.userId())).seq();
                    assertThat(awaitPush(pushes, carolPhone.token(), again)).containsExactly(again);
                    assertThat(pushedSeqs(pushes, bobPhone.token())).as("bob's window holds: collapsed")
                            .containsExactly(reply);

                    // The badge counts the group's messages, which move no member's row: all else read, the
                    // group read to `plain` (the row then knows `again`), one more message there naming nobody.
                    readAllBut(bobWeb, id);
                    bobWeb.call(Actions.MARK_READ, new MarkRequest(id, plain), ReceiptReply.class);
                    long later = send(a, id, "nobody named again", null, null).seq();
                    long direct = send(a, withBob, "and one here", null, null).seq();
                    assertThat(awaitPayload(pushes, bobPhone.token(), withBob, direct).at("/aps/badge").asLong())
                            .as("the group's unread from its timeline, and the direct message").isEqualTo((later - plain) + 1);
                }
                a.refused(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), "@stranger", null, null, null,
                        null, null, null, List.of(bob.userId(), UUID.randomUUID().toString())), ErrorCode.BAD_REQUEST);
                a.refused(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), "@everyone", null, null, null,
                        null, null, null, LargeGroupsTest.strangers(Limits.MAX_MENTIONS + 1)), ErrorCode.BAD_REQUEST);
                a.assertAlive();
            } finally {
                unregister(bob, bobPhone);
                unregister(carol, carolPhone);
            }
        }
    }
}
