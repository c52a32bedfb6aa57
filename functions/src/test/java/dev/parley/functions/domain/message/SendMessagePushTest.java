package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.delivery.PushTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the send path hands to the push worker, and when it hands nothing. */
class SendMessagePushTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String DIRECT = ConversationId.direct("alice", "bob");
    private static final String SECRET = ConversationId.newGroup();
    private static final Actor ALICE_PHONE = new Actor("alice", "iphone", "conn-alice-phone");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final List<PushTarget> registered = new CopyOnWriteArrayList<>();
    private final List<Collection<String>> lookups = new CopyOnWriteArrayList<>();
    private final LiveConnections live = new LiveConnections() {
        @Override
        public List<Recipient> of(Collection<String> userIds) {
            lookups.add(userIds);
            return connections.findLive(userIds, NOW).stream()
                    .map(connection -> new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()))
                    .toList();
        }

        @Override
        public Reach withPushTargets(Collection<String> userIds) {
            List<Recipient> recipients = of(userIds);
            return new Reach(recipients, registered.stream().filter(target -> userIds.contains(target.userId())).toList());
        }
    };
    private final List<PushJob> queued = new CopyOnWriteArrayList<>();
    private final SendMessage sendMessage = new SendMessage(messages, new FanOut(live, new RecordingEventPublisher()),
            new MessagePushes(queued::add), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

    @BeforeEach
    void aliceAndBobShareAPlainAndAnEncryptedConversation() {
        messages.create(DIRECT, Kind.DIRECT, false, Set.of("alice", "bob"));
        messages.create(SECRET, Kind.GROUP, true, Set.of("alice", "bob"));
        connections.save(Connection.opened(ALICE_PHONE.connectionId(), "alice", "iphone", NOW));
        connections.save(Connection.opened("conn-bob-laptop", "bob", "laptop", NOW));
    }

    private PushTarget registers(String userId, String deviceId) {
        PushTarget target = new PushTarget(userId, deviceId, PushPlatform.APNS, "arn:endpoint/" + deviceId);
        registered.add(target);
        return target;
    }

    @Test
    void a_message_to_members_without_any_push_registration_queues_nothing_and_reads_the_connections_once() {
        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).isEmpty();
        assertThat(lookups).hasSize(1);
    }

    @Test
    void a_message_whose_registered_devices_are_all_live_queues_nothing() {
        registers("bob", "laptop");
        registers("alice", "iphone");

        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).isEmpty();
    }

    @Test
    void the_sending_device_gets_no_push_even_when_its_connection_is_not_found() {
        connections.remove("alice", ALICE_PHONE.connectionId());
        registers("alice", "iphone");

        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).isEmpty();
    }

    @Test
    void a_stored_message_is_queued_once_with_its_text_sender_name_and_only_the_offline_registered_devices() {
        registers("bob", "laptop");
        PushTarget bobPhone = registers("bob", "phone");
        PushTarget aliceTablet = registers("alice", "tablet");

        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).singleElement().satisfies(job -> {
            assertThat(job).isEqualTo(new PushJob(DIRECT, 1, "alice", "iphone", "alice", NOW.toEpochMilli(), false,
                    "hello", job.targets()));
            assertThat(job.targets()).containsExactlyInAnyOrder(bobPhone, aliceTablet);
        });
        assertThat(lookups).hasSize(1);
    }

    @Test
    void an_encrypted_message_is_queued_without_any_content() {
        registers("bob", "phone");
        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(SECRET, "m1", null, "Y2lwaGVy", "x25519", null));

        assertThat(queued).singleElement().satisfies(job -> {
            assertThat(job.e2ee()).isTrue();
            assertThat(job.text()).isNull();
            assertThat(job.toJson()).doesNotContain("Y2lwaGVy");
        });
    }

    @Test
    void a_retry_of_a_stored_send_queues_nothing() {
        registers("bob", "phone");
        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));
        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).hasSize(1);
    }

    @Test
    void a_queue_that_refuses_does_not_fail_the_send() {
        registers("bob", "phone");
        SendMessage refusing = new SendMessage(messages, new FanOut(live, new RecordingEventPublisher()),
                new MessagePushes(job -> {
                    throw new IllegalStateException("SQS is down");
                }), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

        SendMessage.Result result = refusing.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(result.seq()).isEqualTo(1);
        assertThat(result.alreadyStored()).isFalse();
    }

    @Test
    void the_queue_message_round_trips_through_its_json() {
        registers("bob", "phone");
        sendMessage.send(ALICE_PHONE, "alice", MessageDraft.of(DIRECT, "m1", "hello", null, null, null));

        assertThat(queued).hasSize(1);
        assertThat(PushJob.fromJson(queued.getFirst().toJson())).isEqualTo(queued.getFirst());
    }
}
