package dev.parley.functions.domain.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.message.MemberDevices.MemberDevice;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The two Signal forms in a large end-to-end encrypted group: a partial batch is checked against the named
 * users only (their rows and devices), a whole-set pairwise send is refused, and the queued job carries each
 * addressed device's own frame.
 */
class LargeGroupEnvelopesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final String ID = ConversationId.newGroup();
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");

    private final Map<String, List<MemberDevice>> keyed = new ConcurrentHashMap<>();
    private final List<String> deviceReads = new CopyOnWriteArrayList<>();
    private final LargeGroupSends world = new LargeGroupSends(NOW, userId -> {
        deviceReads.add(userId);
        return keyed.getOrDefault(userId, List.of());
    });
    private final SendMessage sendMessage = world.sendMessage;
    private final InMemoryMessageRepository messages = world.messages;
    private final List<FanOutJob> queued = world.queued;

    /** Alice, bob, carol and 77 members without devices; dave is not a member. */
    @BeforeEach
    void aLargeEncryptedGroupOfEighty() {
        Set<String> others = IntStream.range(0, 77).mapToObj(i -> "member-" + i).collect(Collectors.toSet());
        others.add("bob");
        others.add("carol");
        world.largeGroup(ID, others, true);
        keyed.put("alice", List.of(new MemberDevice("alice", "phone", 1, 101), new MemberDevice("alice", "laptop", 2, 102)));
        keyed.put("bob", List.of(new MemberDevice("bob", "pixel", 1, 201)));
        keyed.put("carol", List.of(new MemberDevice("carol", "phone", 1, 301)));
        keyed.put("dave", List.of(new MemberDevice("dave", "phone", 1, 401)));
    }

    @Test
    void a_partial_batch_reads_only_the_named_users_and_queues_each_devices_own_frame() {
        SendMessage.Result sent = sendMessage.send(ALICE, pairwise("k1", true,
                envelope("alice", 2, 102, "TEFQ"), envelope("bob", 1, 201, "Qk9C")));

        assertThat(sent.seq()).isEqualTo(1);
        assertThat(deviceReads).as("the sender's and the named users' devices, not the group's")
                .containsExactlyInAnyOrder("alice", "bob");
        FanOutJob job = queued.getFirst();
        assertThat(field(job.frameFor("alice", "laptop").orElseThrow(), "ciphertext")).isEqualTo("TEFQ");
        assertThat(field(job.frameFor("bob", "pixel").orElseThrow(), "ciphertext")).isEqualTo("Qk9C");
        assertThat(job.frameFor("carol", "phone")).as("nothing live for a device the batch does not address").isEmpty();
        assertThat(job.frame()).doesNotContain("TEFQ", "Qk9C").contains("notForThisDevice");
        FanOutJob next = FanOutJob.fromJson(job.after("member-5").toJson());
        assertThat(next.frameFor("bob", "pixel")).isEqualTo(job.frameFor("bob", "pixel"));
        assertThat(next.frameFor("carol", "phone")).isEmpty();
        assertThat(FanOutJob.fromJson(job.activityRound(null).toJson()).deviceFrames())
                .as("an activity round tells of the seq, so it carries no envelope").isNull();
    }

    @Test
    void a_partial_batch_with_a_non_members_or_a_stale_device_is_devices_mismatch_and_stores_nothing() {
        Failure failure = failureOf(() -> sendMessage.send(ALICE, pairwise("k1", true,
                envelope("bob", 1, 999, "Qk9C"), envelope("dave", 1, 401, "REFW"))));

        assertThat(failure).isInstanceOfSatisfying(Failure.DevicesMismatch.class, mismatch -> {
            assertThat(mismatch.missing()).isEmpty();
            assertThat(mismatch.extra()).containsExactly(new Failure.DevicesMismatch.Device("dave", 1));
            assertThat(mismatch.stale()).containsExactly(new Failure.DevicesMismatch.Device("bob", 1));
        });
        assertThat(messages.messages(ID)).isEmpty();
        assertThat(queued).isEmpty();
    }

    @Test
    void a_whole_set_pairwise_send_is_bad_request_and_a_sender_key_message_is_one_frame_for_all() {
        Failure refused = failureOf(() -> sendMessage.send(ALICE, pairwise("k1", false, envelope("bob", 1, 201, "Qk9C"))));

        assertThat(refused).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("large", "\"partial\": true"));
        assertThat(messages.messages(ID)).isEmpty();

        sendMessage.send(ALICE, MessageDraft.of(ID, "sk1", null, "R1JPVVA=", "signal-senderkey-v1", null));

        FanOutJob job = queued.getFirst();
        assertThat(job.deviceFrames()).isNull();
        assertThat(job.frameFor("carol", "phone")).contains(job.frame());
        assertThat(field(job.frame(), "ciphertext")).isEqualTo("R1JPVVA=");
        assertThat(field(job.frame(), "senderDeviceNum")).isEqualTo("1");
    }

    @Test
    void a_sender_key_send_naming_a_past_membership_epoch_is_refused_with_the_current_one_and_stores_nothing() {
        messages.membersChanged(ID);
        MessageDraft stale = MessageDraft.of(ID, "sk1", null, "R1JPVVA=", "signal-senderkey-v1", null).withMembersEpoch(0L);

        Failure failure = failureOf(() -> sendMessage.send(ALICE, stale));

        assertThat(failure).isEqualTo(new Failure.MembersChanged(1));
        assertThat(messages.messages(ID)).isEmpty();
        assertThat(queued).isEmpty();
        SendMessage.Result sent = sendMessage.send(ALICE, stale.withMembersEpoch(1L));
        assertThat(sent.seq()).as("no seq was taken by the refused send").isEqualTo(1);
        assertThat(queued).hasSize(1);
        assertThat(sendMessage.send(ALICE, MessageDraft.of(ID, "sk2", null, "R1JPVVA=", "signal-senderkey-v1", null)).seq())
                .as("a send that names no epoch is not checked").isEqualTo(2);
    }

    @Test
    void only_the_sender_key_form_names_a_membership_epoch() {
        assertThat(failureOf(() -> pairwise("k1", true, envelope("bob", 1, 201, "Qk9C")).withMembersEpoch(0L)))
                .isInstanceOfSatisfying(Failure.BadRequest.class, bad -> assertThat(bad.message()).contains("membersEpoch"));
        assertThat(failureOf(() -> MessageDraft.of(ID, "sk1", null, "R1JPVVA=", "signal-senderkey-v1", null).withMembersEpoch(-1L)))
                .isInstanceOf(Failure.BadRequest.class);
    }

    private static String field(String frame, String name) {
        JsonNode payload = ((Frame.Event) ProtocolCodec.instance().decodeFrame(frame)).payload();
        return payload.path(name).asText();
    }

    private static MessageDraft pairwise(String clientMessageId, boolean partial, Envelope.Fields... envelopes) {
        return MessageDraft.of(ID, clientMessageId, null, null, "signal-v1", null, null, new ArrayList<>(List.of(envelopes)),
                partial ? Boolean.TRUE : null);
    }

    private static Envelope.Fields envelope(String userId, int deviceNum, int registrationId, String ciphertext) {
        return new Envelope.Fields(userId, deviceNum, registrationId, "message", ciphertext);
    }

    private static Failure failureOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }
}
