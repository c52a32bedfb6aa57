package dev.parley.functions.domain.push;

import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.delivery.PushTarget;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.testing.SettableClock;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushes of a large conversation (issue 18): only the members a message mentions or replies to (the
 * send path left out those viewing it), at most one per member and conversation per collapse window; every port in
 * memory, with the reads and writes counted to show they follow the named members, not the group.
 */
class DeliverMentionPushesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String GROUP = "g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b";

    private final InMemoryPushRegistry registry = new InMemoryPushRegistry();
    private final FakePushEndpoints endpoints = new FakePushEndpoints(PushPlatform.values());
    private final InMemoryInboxes inboxes = new InMemoryInboxes();
    private final InMemoryPushCollapse collapse = new InMemoryPushCollapse();
    private final List<Watcher> sockets = new CopyOnWriteArrayList<>();
    /** Every user id a read of connections or push summaries asked for. */
    private final List<String> usersRead = new CopyOnWriteArrayList<>();
    private final LiveConnections live = new LiveConnections() {
        @Override
        public List<Recipient> of(Collection<String> userIds) {
            usersRead.addAll(userIds);
            return sockets.stream().map(Watcher::socket).filter(socket -> userIds.contains(socket.userId())).toList();
        }

        @Override
        public Reach withPushTargets(Collection<String> userIds) {
            List<PushTarget> registered = new ArrayList<>();
            userIds.forEach(userId -> registry.active(userId).forEach(registration -> registered.add(new PushTarget(userId,
                    registration.deviceId(), registration.platform(), registration.endpointArn()))));
            return new Reach(of(userIds), registered);
        }
    };
    private final SettableClock clock = new SettableClock(NOW);
    private final DeliverMentionPushes deliver = new DeliverMentionPushes(live, collapse,
            new DeliverPushes(registry, live, inboxes, new InMemoryMessageRepository(), new InMemoryUserSettings(), endpoints, clock), clock);

    private String phone(String userId) {
        String deviceId = userId + "-phone";
        String arn = endpoints.register(PushPlatform.APNS, "token-" + deviceId, PushRegistration.owner(userId, deviceId), null).arn();
        registry.save(new PushRegistration(userId, deviceId, PushPlatform.APNS, "token-" + deviceId, arn, true, NOW));
        inboxes.member(userId, GROUP, 0, 0);
        return arn;
    }

    private static PushJob naming(long seq, String... userIds) {
        return new PushJob(GROUP, seq, "carol", "carol-laptop", "carol", NOW.toEpochMilli(), false, "@bob look", List.of(),
                List.of(userIds));
    }

    private List<String> pushedTo() {
        return endpoints.published().stream().map(FakePushEndpoints.Published::endpointArn).toList();
    }

    @Test
    void each_named_member_gets_one_push_on_each_offline_device_and_the_sender_none() {
        String bob = phone("bob");
        String alice = phone("alice");
        phone("carol");

        DeliverPushes.Outcome outcome = deliver.deliver(naming(12, "bob", "alice", "carol"));

        assertThat(outcome).isEqualTo(new DeliverPushes.Outcome(2, 0, 0));
        assertThat(pushedTo()).containsExactlyInAnyOrder(bob, alice);
        assertThat(endpoints.published()).allSatisfy(push -> assertThat(push.notification().payload()).contains("\"seq\":12"));
    }

    @Test
    void pushes_collapse_to_one_per_member_and_conversation_per_window_and_a_retried_job_still_pushes() {
        String bob = phone("bob");
        String alice = phone("alice");

        deliver.deliver(naming(5, "bob"));
        clock.set(NOW.plusSeconds(10));
        deliver.deliver(naming(6, "bob", "alice"));
        deliver.deliver(naming(5, "bob"));
        clock.set(NOW.plusSeconds(10).plus(DeliverMentionPushes.COLLAPSE));
        deliver.deliver(naming(40, "bob"));

        assertThat(pushedTo()).containsExactly(bob, alice, bob, bob);
        assertThat(endpoints.published()).extracting(push -> push.notification().payload().contains("\"seq\":40")).last()
                .isEqualTo(true);
    }

    @Test
    void a_member_who_left_or_muted_or_has_no_registration_costs_no_claim() {
        phone("bob");
        inboxes.mute("bob", GROUP, Inboxes.MUTED_FOREVER, NOW);
        registry.save(new PushRegistration("dave", "dave-phone", PushPlatform.APNS, "token-dave", "arn:dave", true, NOW));

        DeliverPushes.Outcome outcome = deliver.deliver(naming(8, "bob", "dave", "erin"));

        assertThat(outcome).isEqualTo(new DeliverPushes.Outcome(0, 0, 0));
        assertThat(collapse.writes()).isZero();
    }

    @Test
    void what_a_job_reads_and_writes_follows_the_named_members_whatever_the_groups_size() {
        for (int i = 0; i < 500; i++) {
            inboxes.member("member-" + i, GROUP, 0, 0);
        }
        phone("bob");

        deliver.deliver(naming(9, "bob", "carol"));

        assertThat(usersRead).as("connections and summaries read for bob only (carol sent it)").containsOnly("bob");
        assertThat(collapse.writes()).isEqualTo(1);
    }

    @Test
    void a_device_live_now_gets_no_push_and_a_member_whose_every_device_is_live_costs_no_claim() {
        String alice = phone("alice");
        phone("bob");
        sockets.add(new Watcher(new Recipient("bob", "conn-bob-phone", "bob-phone"), null, null));

        deliver.deliver(naming(4, "alice", "bob"));

        assertThat(pushedTo()).containsExactly(alice);
        assertThat(collapse.writes()).isEqualTo(1);
    }
}
