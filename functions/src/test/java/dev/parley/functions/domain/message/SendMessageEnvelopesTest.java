package dev.parley.functions.domain.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.MemberDevices.MemberDevice;
import dev.parley.functions.domain.push.MessagePushes;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The two Signal forms of sendMessage against in-memory fakes: the device-set check, what each device is sent,
 * and the reads the check makes. Over real sockets: integration-tests E2eeMessagingTest.
 */
class SendMessageEnvelopesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final String SECRET = ConversationId.direct("alice", "bob");
    private static final String PLAIN = ConversationId.newGroup();
    private static final Actor ALICE_PHONE = new Actor("alice", "phone", "conn-alice-phone");
    private static final Actor ALICE_LAPTOP = new Actor("alice", "laptop", "conn-alice-laptop");
    private static final Actor BOB_PIXEL = new Actor("bob", "pixel", "conn-bob");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final LiveConnections live = connections.liveAt(NOW);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final Map<String, List<MemberDevice>> keyed = new ConcurrentHashMap<>();
    private final List<String> deviceReads = new CopyOnWriteArrayList<>();
    private final MemberDevices devices = userId -> {
        deviceReads.add(userId);
        return keyed.getOrDefault(userId, List.of());
    };
    private final SendMessage sendMessage = new SendMessage(messages, new FanOut(live, publisher), MessagePushes.off(),
            MemberActivity.none(), Attachments.none(), devices, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

    @BeforeEach
    void aliceWithTwoDevicesAndBobWithOneShareAnEncryptedConversation() {
        messages.create(SECRET, Kind.DIRECT, true, Set.of("alice", "bob"));
        messages.create(PLAIN, Kind.GROUP, false, Set.of("alice", "bob"));
        keyed.put("alice", List.of(new MemberDevice("alice", "phone", 1, 101), new MemberDevice("alice", "laptop", 2, 102)));
        keyed.put("bob", List.of(new MemberDevice("bob", "pixel", 1, 201)));
        for (Actor device : List.of(ALICE_PHONE, ALICE_LAPTOP, BOB_PIXEL)) {
            connections.save(Connection.opened(device.connectionId(), device.userId(), device.deviceId(), NOW));
        }
    }

    @Test
    void a_full_envelope_set_is_stored_once_and_each_device_is_sent_its_own_envelope_only() {
        SendMessage.Result sent = sendMessage.send(ALICE_PHONE, pairwise("m1", false,
                envelope("alice", 2, 102, "AAAA"), envelope("bob", 1, 201, "BBBB")));

        assertThat(sent.seq()).isEqualTo(1);
        Message stored = messages.messages(SECRET).getFirst();
        assertThat(stored.senderDeviceNum()).isEqualTo(1);
        assertThat(((MessageBody.Envelopes) stored.body()).envelopes()).extracting(Envelope::deviceId)
                .containsExactly("laptop", "pixel");
        JsonNode toLaptop = frameTo("conn-alice-laptop");
        assertThat(toLaptop.get("ciphertext").asText()).isEqualTo("AAAA");
        assertThat(toLaptop.get("envelopeType").asText()).isEqualTo("message");
        assertThat(toLaptop.get("senderDeviceNum").asInt()).isEqualTo(1);
        assertThat(toLaptop.get("alg").asText()).isEqualTo("signal-v1");
        assertThat(frameTo("conn-bob").get("ciphertext").asText()).isEqualTo("BBBB");
        assertThat(publisher.posts()).extracting(post -> post.to().connectionId())
                .containsExactlyInAnyOrder("conn-alice-laptop", "conn-bob");
        assertThat(stored.toEventFor("alice", "phone").notForThisDevice()).isTrue();
        assertThat(stored.toEventFor("alice", "phone").ciphertext()).isNull();
        assertThat(deviceReads).as("the sender's and the addressed users' devices, once each").containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void the_device_reads_run_beside_the_tail_query_so_the_check_adds_no_round_trip() {
        CountDownLatch devicesBeingRead = new CountDownLatch(2);
        MemberDevices slow = userId -> {
            devicesBeingRead.countDown();
            return keyed.getOrDefault(userId, List.of());
        };
        // The tail read waits until both device reads have started: were they made after it, this would time out.
        MessageRepository waitingTail = new MessageRepository() {
            @Override
            public java.util.Optional<dev.parley.functions.domain.conversation.ConversationTail> tail(String conversationId,
                                                                                                    int recentMessages, Read read) {
                try {
                    assertThat(devicesBeingRead.await(5, TimeUnit.SECONDS)).as("device reads started before the tail returned").isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return messages.tail(conversationId, recentMessages, read);
            }

            @Override
            public Append append(Message message) {
                return messages.append(message);
            }

            @Override
            public java.util.Optional<Message> find(String conversationId, long seq) {
                return messages.find(conversationId, seq);
            }
        };
        SendMessage overlapping = new SendMessage(waitingTail, new FanOut(live, publisher), MessagePushes.off(),
                MemberActivity.none(), Attachments.none(), slow, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

        assertThat(overlapping.send(ALICE_PHONE, pairwise("m1", false, envelope("alice", 2, 102, "AAAA"),
                envelope("bob", 1, 201, "BBBB"))).seq()).isEqualTo(1);
    }

    @Test
    void a_missing_an_extra_and_a_stale_device_are_refused_together_with_nothing_stored() {
        Failure failure = failureOf(() -> sendMessage.send(ALICE_PHONE, pairwise("m1", false,
                envelope("bob", 1, 999, "BBBB"), envelope("bob", 7, 1, "CCCC"), envelope("alice", 1, 101, "DDDD"))));

        assertThat(failure).isEqualTo(new Failure.DevicesMismatch(
                List.of(new Failure.DevicesMismatch.Device("alice", 2)),
                List.of(new Failure.DevicesMismatch.Device("alice", 1), new Failure.DevicesMismatch.Device("bob", 7)),
                List.of(new Failure.DevicesMismatch.Device("bob", 1))));
        assertThat(messages.messages(SECRET)).isEmpty();
        assertThat(publisher.posts()).isEmpty();
    }

    @Test
    void a_member_no_envelope_names_is_read_after_the_tail_and_reported_missing() {
        Failure failure = failureOf(() -> sendMessage.send(ALICE_PHONE, pairwise("m1", false, envelope("alice", 2, 102, "AAAA"))));

        assertThat(failure).isEqualTo(new Failure.DevicesMismatch(List.of(new Failure.DevicesMismatch.Device("bob", 1)),
                List.of(), List.of()));
    }

    @Test
    void a_partial_batch_skips_the_missing_check_but_not_extra_or_stale_and_others_see_notForThisDevice() {
        sendMessage.send(ALICE_PHONE, pairwise("batch", true, envelope("bob", 1, 201, "BBBB")));

        assertThat(frameTo("conn-bob").get("ciphertext").asText()).isEqualTo("BBBB");
        JsonNode toLaptop = frameTo("conn-alice-laptop");
        assertThat(toLaptop.get("notForThisDevice").asBoolean()).isTrue();
        assertThat(toLaptop.has("ciphertext")).isFalse();
        assertThat(failureOf(() -> sendMessage.send(ALICE_PHONE, pairwise("batch2", true, envelope("carol", 1, 1, "AAAA")))))
                .as("a non-member's device is extra, whatever that user has")
                .isEqualTo(new Failure.DevicesMismatch(List.of(), List.of(new Failure.DevicesMismatch.Device("carol", 1)), List.of()));
    }

    @Test
    void a_retry_after_the_fix_stores_exactly_one_message() {
        failureOf(() -> sendMessage.send(ALICE_PHONE, pairwise("same", false, envelope("bob", 1, 201, "BBBB"))));
        SendMessage.Result first = sendMessage.send(ALICE_PHONE, pairwise("same", false,
                envelope("alice", 2, 102, "AAAA"), envelope("bob", 1, 201, "BBBB")));
        SendMessage.Result again = sendMessage.send(ALICE_PHONE, pairwise("same", false,
                envelope("alice", 2, 102, "AAAA"), envelope("bob", 1, 201, "BBBB")));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.seq()).isEqualTo(1);
        assertThat(messages.messages(SECRET)).hasSize(1);
    }

    @Test
    void a_device_without_keys_cannot_send_either_form() {
        Actor tablet = new Actor("alice", "tablet", "conn-tablet");
        assertThat(failureOf(() -> sendMessage.send(tablet, senderKey("sk"))))
                .isInstanceOfSatisfying(Failure.BadRequest.class, bad -> assertThat(bad.message()).contains("publish keys"));
        assertThat(failureOf(() -> sendMessage.send(tablet, pairwise("pw", true, envelope("bob", 1, 201, "BBBB")))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(messages.messages(SECRET)).isEmpty();
    }

    @Test
    void a_sender_key_message_goes_to_every_other_device_with_the_senders_number() {
        sendMessage.send(ALICE_LAPTOP, senderKey("sk"));

        assertThat(publisher.posts()).extracting(post -> post.to().connectionId())
                .containsExactlyInAnyOrder("conn-alice-phone", "conn-bob");
        assertThat(publisher.posts()).allSatisfy(post -> {
            assertThat(post.frame().get("ciphertext").asText()).isEqualTo("R1JPVVA=");
            assertThat(post.frame().get("senderDeviceNum").asInt()).isEqualTo(2);
        });
        assertThat(deviceReads).containsExactly("alice");
    }

    @Test
    void envelopes_in_a_conversation_without_encryption_are_refused() {
        assertThat(failureOf(() -> sendMessage.send(ALICE_PHONE, MessageDraft.of(PLAIN, "m", null, null, "signal-v1", null, null,
                List.of(envelope("bob", 1, 201, "BBBB")), null)))).isInstanceOf(Failure.BadRequest.class);
    }

    private JsonNode frameTo(String connectionId) {
        return publisher.posts().stream().filter(post -> post.to().connectionId().equals(connectionId)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing posted to " + connectionId)).frame();
    }

    private static MessageDraft pairwise(String clientMessageId, boolean partial, Envelope.Fields... envelopes) {
        return MessageDraft.of(SECRET, clientMessageId, null, null, "signal-v1", null, null, new ArrayList<>(List.of(envelopes)),
                partial ? Boolean.TRUE : null);
    }

    private static MessageDraft senderKey(String clientMessageId) {
        return MessageDraft.of(SECRET, clientMessageId, null, "R1JPVVA=", "signal-senderkey-v1", null);
    }

    private static Envelope.Fields envelope(String userId, int deviceNum, int registrationId, String ciphertext) {
        return new Envelope.Fields(userId, deviceNum, registrationId, "message", ciphertext);
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }
}
