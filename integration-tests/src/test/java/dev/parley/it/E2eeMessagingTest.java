package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateConversationReply;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.Envelope;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.RevokeDeviceReply;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Device-addressed sendMessage in end-to-end encrypted conversations over real sockets (docs/protocol/e2ee.md):
 * each device gets only its own envelope, live and through sync and history; the device-set check refuses a
 * missing, extra or stale device with the exact lists and stores nothing; sender-key messages reach every member
 * device but the sender's; a revoked device gets nothing more. Every test makes fresh accounts, so each user's
 * devices with keys are exactly the ones the test published. The ciphertexts are opaque bytes: the server never
 * decrypts, so real Signal messages (clients/java/signal's live tests) would change nothing here.
 */
class E2eeMessagingTest {
    private final List<Device> opened = new ArrayList<>();
    private TestUser alice;
    private TestUser bob;
    private Keyed phone;
    private Keyed laptop;
    private Keyed pixel;

    /** Alice with two devices (phone, laptop) and Bob with one (pixel), fresh accounts, every device with keys. */
    @BeforeEach
    void aliceWithTwoDevicesAndBobWithOne() {
        alice = freshUser("e2ee-alice");
        bob = freshUser("e2ee-bob");
        phone = keyed(alice, "phone");
        laptop = keyed(alice, "laptop");
        pixel = keyed(bob, "pixel");
    }

    @AfterEach
    void closeDevices() {
        opened.forEach(Device::close);
    }

    @Test
    void each_device_gets_only_its_own_envelope_live_and_through_sync_and_history() {
        String chat = encryptedDirect(phone, bob);

        SendMessageReply first = phone.device.call(Actions.SEND_MESSAGE, pairwise(chat, "m-1", false,
                laptop.envelope("for-laptop"), pixel.envelope("for-bob")), SendMessageReply.class);
        SendMessageReply partial = phone.device.call(Actions.SEND_MESSAGE, pairwise(chat, "m-2", true,
                pixel.envelope("batch-for-bob")), SendMessageReply.class);

        assertThat(first.seq()).isEqualTo(1);
        assertThat(partial.seq()).isEqualTo(2);
        JsonNode toLaptop = rawMessage(laptop, chat, 1);
        assertThat(toLaptop.path("ciphertext").asText()).isEqualTo(b64("for-laptop"));
        assertThat(toLaptop.path("envelopeType").asText()).isEqualTo("message");
        assertThat(toLaptop.path("senderDeviceNum").asInt()).isEqualTo(phone.deviceNum);
        assertThat(toLaptop.path("alg").asText()).isEqualTo("signal-v1");
        assertThat(toLaptop.toString()).doesNotContain(b64("for-bob"));
        assertThat(rawMessage(pixel, chat, 1).path("ciphertext").asText()).isEqualTo(b64("for-bob"));
        JsonNode skipped = rawMessage(laptop, chat, 2);
        assertThat(skipped.path("notForThisDevice").asBoolean()).isTrue();
        assertThat(skipped.has("ciphertext")).isFalse();
        assertThat(rawMessage(pixel, chat, 2).path("ciphertext").asText()).isEqualTo(b64("batch-for-bob"));
        assertThat(phone.device.messagesBeforeMarker(chat)).as("the sending socket gets the reply only").isEmpty();

        for (Keyed reader : List.of(phone, laptop, pixel)) {
            for (JsonNode page : List.of(historyMessages(reader, chat), syncedMessages(reader, chat))) {
                assertThat(page).hasSize(2);
                assertThat(ciphertexts(page)).as(reader.device.deviceId() + " reads only its own envelopes")
                        .isEqualTo(expectedFor(reader));
            }
        }
        Keyed addedLater = keyed(alice, "tablet");
        assertThat(ciphertexts(historyMessages(addedLater, chat))).as("a device added later reads no earlier envelope")
                .containsExactly("-", "-");
    }

    @Test
    void a_missing_an_extra_a_stale_and_a_non_members_device_are_refused_with_the_exact_lists_and_a_retry_stores_once() {
        TestUser carol = freshUser("e2ee-carol");
        Keyed outsider = keyed(carol, "phone");
        String chat = encryptedDirect(phone, bob);

        assertMismatch(phone, pairwise(chat, "same", false, pixel.envelope("x")),
                List.of(laptop.address()), List.of(), List.of());
        assertMismatch(phone, pairwise(chat, "same", false, laptop.envelope("x"), pixel.envelope("x"),
                        new Envelope(bob.userId(), pixel.deviceNum + 40, 1, "message", b64("x"))),
                List.of(), List.of(Map.of("userId", bob.userId(), "deviceNum", pixel.deviceNum + 40)), List.of());
        assertMismatch(phone, pairwise(chat, "same", false, phone.envelope("x"), laptop.envelope("x"), pixel.envelope("x")),
                List.of(), List.of(phone.address()), List.of());
        assertMismatch(phone, pairwise(chat, "same", false, laptop.envelope("x"), pixel.envelope("x"), outsider.envelope("x")),
                List.of(), List.of(outsider.address()), List.of());
        int oldRegistration = pixel.registrationId;
        Keyed reinstalled = pixel.reinstalled();
        assertThat(reinstalled.deviceNum).isEqualTo(pixel.deviceNum);
        assertMismatch(phone, pairwise(chat, "same", false, laptop.envelope("x"),
                        new Envelope(bob.userId(), pixel.deviceNum, oldRegistration, "message", b64("x"))),
                List.of(), List.of(), List.of(pixel.address()));
        assertThat(phone.device.lastSeq(chat)).as("no refusal stored anything or took a seq").isZero();

        SendMessageRequest fixed = pairwise(chat, "same", false, laptop.envelope("fixed"), reinstalled.envelope("fixed"));
        long seq = phone.device.call(Actions.SEND_MESSAGE, fixed, SendMessageReply.class).seq();
        long again = phone.device.call(Actions.SEND_MESSAGE, fixed, SendMessageReply.class).seq();

        assertThat(seq).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(phone.device.lastSeq(chat)).isEqualTo(1);
        assertThat(reinstalled.device.messagesBeforeMarker(chat)).extracting(MessageEvent::ciphertext)
                .containsExactly(b64("fixed"));
        phone.device.assertAlive();
    }

    @Test
    void a_sender_key_message_reaches_every_member_device_but_the_senders() {
        TestUser carol = freshUser("e2ee-carol");
        Keyed carolPhone = keyed(carol, "phone");
        String group = phone.device.createGroup("sealed", true, bob.userId(), carol.userId()).conversationId();

        long seq = phone.device.call(Actions.SEND_MESSAGE, new SendMessageRequest(group, "sk-1", null, b64("group"),
                "signal-senderkey-v1", null, null), SendMessageReply.class).seq();

        for (Keyed reader : List.of(laptop, pixel, carolPhone)) {
            MessageEvent event = reader.device.awaitMessage(group, seq);
            assertThat(event.ciphertext()).isEqualTo(b64("group"));
            assertThat(event.alg()).isEqualTo("signal-senderkey-v1");
            assertThat(event.senderDeviceNum()).isEqualTo(phone.deviceNum);
            assertThat(event.envelopeType()).isNull();
        }
        assertThat(phone.device.messagesBeforeMarker(group)).isEmpty();
    }

    /**
     * A group past 64 members is large (queued fan-out to viewing sockets): the Signal forms work there too. The
     * other 67 members are user ids nobody signs in with, members without devices.
     */
    @Test
    void in_a_large_group_a_partial_batch_reaches_only_its_devices_and_a_sender_key_message_every_viewing_device() {
        TestUser carol = freshUser("e2ee-carol");
        Keyed carolPhone = keyed(carol, "phone");
        TestUser dave = freshUser("e2ee-dave");
        Keyed outsider = keyed(dave, "phone");
        String group = phone.device.createGroup("sealed", true, bob.userId(), carol.userId()).conversationId();
        List<String> strangers = IntStream.range(0, 67).mapToObj(i -> java.util.UUID.randomUUID().toString()).toList();
        ConversationSummary large = phone.device.call(Actions.ADD_MEMBERS, new AddMembersRequest(group, strangers),
                ConversationReply.class).conversation();
        assertThat(large.tier()).isEqualTo("large");
        assertThat(large.memberCount()).isEqualTo(70);
        assertThat(large.e2ee()).isTrue();
        for (Keyed viewer : List.of(laptop, pixel, carolPhone)) {
            viewer.device.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(group, null), ViewConversationReply.class);
        }

        assertThat(phone.device.refused(Actions.SEND_MESSAGE, pairwise(group, "whole", false, laptop.envelope("x"),
                pixel.envelope("x"), carolPhone.envelope("x")), ErrorCode.BAD_REQUEST).message()).contains("large", "\"partial\": true");
        assertMismatch(phone, pairwise(group, "batch", true, pixel.envelope("x"), outsider.envelope("x")),
                List.of(), List.of(outsider.address()), List.of());
        long batch = phone.device.call(Actions.SEND_MESSAGE, pairwise(group, "batch", true, pixel.envelope("key-for-bob")),
                SendMessageReply.class).seq();
        ListMembersReply listed = phone.device.call(Actions.LIST_MEMBERS, new ListMembersRequest(group, null, 10), ListMembersReply.class);
        assertThat(listed.membersEpoch()).as("create, then the add that made it large").isEqualTo(large.membersEpoch()).isPositive();
        Frame.Error stale = phone.device.refused(Actions.SEND_MESSAGE, senderKey(group, "sk-large", listed.membersEpoch() - 1),
                ErrorCode.CONFLICT);
        assertThat(stale.details().path("membersEpoch").asLong()).isEqualTo(listed.membersEpoch());
        long sealed = phone.device.call(Actions.SEND_MESSAGE, senderKey(group, "sk-large", listed.membersEpoch()),
                SendMessageReply.class).seq();

        assertThat(batch).isEqualTo(1);
        assertThat(sealed).isEqualTo(2);
        JsonNode toBob = rawMessage(pixel, group, batch);
        assertThat(toBob.path("ciphertext").asText()).isEqualTo(b64("key-for-bob"));
        assertThat(toBob.path("senderDeviceNum").asInt()).isEqualTo(phone.deviceNum);
        for (Keyed reader : List.of(laptop, pixel, carolPhone)) {
            JsonNode event = rawMessage(reader, group, sealed);
            assertThat(event.path("ciphertext").asText()).isEqualTo(b64("group"));
            assertThat(event.path("alg").asText()).isEqualTo("signal-senderkey-v1");
            assertThat(event.path("senderDeviceNum").asInt()).isEqualTo(phone.deviceNum);
        }
        for (Keyed unaddressed : List.of(laptop, carolPhone)) {
            assertThat(unaddressed.device.socket().eventsWithin(Duration.ofSeconds(2), event -> event.type().equals(Actions.MESSAGE_EVENT)
                    && event.payload().path("conversationId").asText().equals(group) && event.payload().path("seq").asLong() == batch))
                    .as("a batch for others posts nothing live to " + unaddressed.device.deviceId()).isEmpty();
            assertThat(ciphertexts(historyMessages(unaddressed, group))).containsExactly("-", b64("group"));
            assertThat(ciphertexts(syncedMessages(unaddressed, group))).containsExactly("-", b64("group"));
        }
        assertThat(ciphertexts(historyMessages(pixel, group))).containsExactly(b64("key-for-bob"), b64("group"));
        assertThat(ciphertexts(syncedMessages(pixel, group))).containsExactly(b64("key-for-bob"), b64("group"));
    }

    @Test
    void a_revoked_device_gets_nothing_more_live_or_by_sync_and_is_extra_in_any_envelope_set() {
        String chat = encryptedDirect(phone, bob);
        String group = phone.device.createGroup("sealed", true, bob.userId()).conversationId();
        laptop.device.awaitConversationEvent(group, "created");

        RevokeDeviceReply revoked = phone.device.call(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(laptop.device.deviceId()),
                RevokeDeviceReply.class);
        assertThat(revoked.closedConnections()).isEqualTo(1);
        laptop.device.socket().closeCode(Device.WAIT);

        assertMismatch(phone, pairwise(chat, "after", false, laptop.envelope("x"), pixel.envelope("x")),
                List.of(), List.of(laptop.address()), List.of());
        long pairwiseSeq = phone.device.call(Actions.SEND_MESSAGE, pairwise(chat, "after", false, pixel.envelope("only-bob")),
                SendMessageReply.class).seq();
        long groupSeq = phone.device.call(Actions.SEND_MESSAGE, new SendMessageRequest(group, "sk", null, b64("group"),
                "signal-senderkey-v1", null, null), SendMessageReply.class).seq();

        assertThat(pixel.device.awaitMessage(chat, pairwiseSeq).ciphertext()).isEqualTo(b64("only-bob"));
        assertThat(pixel.device.awaitMessage(group, groupSeq).ciphertext()).isEqualTo(b64("group"));
        assertThat(laptop.device.socket().eventsWithin(Duration.ZERO, event -> event.type().equals(Actions.MESSAGE_EVENT)))
                .as("nothing reached the revoked device before its socket closed").isEmpty();
        assertThatThrownBy(() -> Device.reconnect(alice, laptop.device.deviceId()))
                .as("its token no longer connects, so it cannot sync or read history either")
                .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void bad_envelopes_and_a_device_without_keys_each_get_their_documented_error_and_the_socket_survives() {
        String chat = encryptedDirect(phone, bob);
        Device plainOwner = phone.device;
        String plain = plainOwner.createGroup("plain", false, bob.userId()).conversationId();

        Frame.Error notBase64 = phone.device.refused(Actions.SEND_MESSAGE, pairwise(chat, "bad-1", false,
                new Envelope(bob.userId(), pixel.deviceNum, pixel.registrationId, "message", "not base64!")), ErrorCode.BAD_REQUEST);
        assertThat(notBase64.message()).contains("envelopes[0].ciphertext", "base64");
        Frame.Error oversize = phone.device.refused(Actions.SEND_MESSAGE, pairwise(chat, "bad-2", false,
                new Envelope(bob.userId(), pixel.deviceNum, pixel.registrationId, "message", "A".repeat(Limits.MAX_BODY_BYTES + 4))),
                ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(oversize.message()).contains("per device");
        Envelope[] tooMany = IntStream.rangeClosed(1, Limits.MAX_ENVELOPES_PER_MESSAGE + 1)
                .mapToObj(n -> new Envelope(bob.userId(), n, 1, "message", "AAAA")).toArray(Envelope[]::new);
        assertThat(phone.device.refused(Actions.SEND_MESSAGE, pairwise(chat, "bad-3", true, tooMany), ErrorCode.BAD_REQUEST)
                .message()).contains(Integer.toString(Limits.MAX_ENVELOPES_PER_MESSAGE));
        assertThat(phone.device.refused(Actions.SEND_MESSAGE, pairwise(plain, "bad-4", false, pixel.envelope("x")),
                ErrorCode.BAD_REQUEST).message()).contains("not end-to-end encrypted");
        Device keyless = open(Device.connect(alice, Device.uniqueId("keyless"), "web"));
        assertThat(keyless.refused(Actions.SEND_MESSAGE, new SendMessageRequest(chat, "bad-5", null, b64("x"),
                "signal-senderkey-v1", null, null), ErrorCode.BAD_REQUEST).message()).contains("publish keys");

        assertThat(phone.device.lastSeq(chat)).isZero();
        phone.device.assertAlive();
        keyless.assertAlive();
    }

    // ---- the world of one test --------------------------------------------------------------


    /** A device that published keys: what a sender learns of it from claimKeys. */
    private final class Keyed {
        final TestUser user;
        final Device device;
        final int deviceNum;
        final int registrationId;

        Keyed(TestUser user, Device device, int deviceNum, int registrationId) {
            this.user = user;
            this.device = device;
            this.deviceNum = deviceNum;
            this.registrationId = registrationId;
        }

        Envelope envelope(String plaintextStandIn) {
            return new Envelope(user.userId(), deviceNum, registrationId, "message", b64(plaintextStandIn));
        }

        Map<String, Object> address() {
            return Map.of("userId", user.userId(), "deviceNum", deviceNum);
        }

        /** The same device publishing again with a new registration id, as after a reinstall. */
        Keyed reinstalled() {
            PublishedKeys keys = new PublishedKeys(0);
            while (keys.registrationId == registrationId) {
                keys = new PublishedKeys(0);
            }
            return new Keyed(user, device, keys.publish(device).deviceNum(), keys.registrationId);
        }
    }

    private Keyed keyed(TestUser user, String name) {
        Device device = open(Device.connect(user, Device.uniqueId(name), "ios"));
        PublishedKeys keys = new PublishedKeys(0);
        return new Keyed(user, device, keys.publish(device).deviceNum(), keys.registrationId);
    }

    private Device open(Device device) {
        opened.add(device);
        return device;
    }

    /** A new account, so that its devices with keys are exactly those the test publishes. */
    private static TestUser freshUser(String prefix) {
        Optional<TestUser> created = TestUsers.target().newAccount(prefix);
        assumeThat(created).as("a target whose user pool the tests may add users to").isPresent();
        return created.orElseThrow();
    }

    private static String encryptedDirect(Keyed creator, TestUser other) {
        return creator.device.call(Actions.CREATE_CONVERSATION, new CreateConversationRequest("direct", List.of(other.userId()),
                null, true), CreateConversationReply.class).conversation().conversationId();
    }

    /** One sender-key ciphertext that names the membership epoch of the sender's member list. */
    private static SendMessageRequest senderKey(String conversationId, String clientMessageId, long membersEpoch) {
        return new SendMessageRequest(conversationId, clientMessageId, null, b64("group"), "signal-senderkey-v1", null, null,
                null, null, null, membersEpoch);
    }

        private static SendMessageRequest pairwise(String conversationId, String clientMessageId, boolean partial, Envelope... envelopes) {
        return new SendMessageRequest(conversationId, clientMessageId, null, null, "signal-v1", null, null,
                Arrays.asList(envelopes), partial ? Boolean.TRUE : null);
    }

    private static void assertMismatch(Keyed sender, SendMessageRequest request, List<Map<String, Object>> missing,
                                       List<Map<String, Object>> extra, List<Map<String, Object>> stale) {
        Frame.Error error = sender.device.refused(Actions.SEND_MESSAGE, request, ErrorCode.DEVICES_MISMATCH);
        assertThat(error.details()).as("details of " + error.message()).isNotNull();
        assertThat(addresses(error.details().path("missing"))).as("missing").isEqualTo(missing);
        assertThat(addresses(error.details().path("extra"))).as("extra").isEqualTo(extra);
        assertThat(addresses(error.details().path("stale"))).as("stale").isEqualTo(stale);
        sender.device.assertAlive();
    }

    private static List<Map<String, Object>> addresses(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(node -> Map.<String, Object>of("userId", node.path("userId").asText(), "deviceNum", node.path("deviceNum").asInt()))
                .toList();
    }

    /** The message event as it came over the socket, every field of it. */
    private static JsonNode rawMessage(Keyed reader, String conversationId, long seq) {
        return reader.device.socket().event(event -> event.type().equals(Actions.MESSAGE_EVENT)
                        && event.payload().path("conversationId").asText().equals(conversationId)
                        && event.payload().path("seq").asLong() == seq,
                Device.WAIT, "message " + seq + " on " + reader.device.deviceId()).payload();
    }

    private static JsonNode historyMessages(Keyed reader, String conversationId) {
        Frame answer = reader.device.answer(reader.device.submit(Actions.HISTORY, new HistoryRequest(conversationId, null, null)));
        assertThat(answer).isInstanceOf(Frame.Reply.class);
        return ((Frame.Reply) answer).payload().path("messages");
    }

    private static JsonNode syncedMessages(Keyed reader, String conversationId) {
        Frame answer = reader.device.answer(reader.device.submit(Actions.SYNC, new SyncRequest(null, null, null)));
        assertThat(answer).isInstanceOf(Frame.Reply.class);
        for (JsonNode conversation : ((Frame.Reply) answer).payload().path("conversations")) {
            if (conversation.path("conversation").path("conversationId").asText().equals(conversationId)) {
                return conversation.path("messages");
            }
        }
        throw new AssertionError("sync of " + reader.device.deviceId() + " did not list " + conversationId);
    }

    /** Each message's ciphertext as the reader got it, or "-" where it was told notForThisDevice. */
    private static List<String> ciphertexts(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(message -> message.path("notForThisDevice").asBoolean()
                        ? (message.has("ciphertext") ? "LEAK" : "-")
                        : message.path("ciphertext").asText())
                .toList();
    }

    private List<String> expectedFor(Keyed reader) {
        if (reader == laptop) {
            return List.of(b64("for-laptop"), "-");
        }
        if (reader == pixel) {
            return List.of(b64("for-bob"), b64("batch-for-bob"));
        }
        return List.of("-", "-");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
