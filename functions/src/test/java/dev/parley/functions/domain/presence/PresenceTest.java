package dev.parley.functions.domain.presence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.sync.SyncWorld;
import dev.parley.functions.domain.user.UserSettings;
import dev.parley.model.Limits;
import dev.parley.model.v1.PresenceInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Presence end to end over fakes: sockets announce, the queue debounces, the worker publishes, getPresence reads. */
class PresenceTest {
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");
    private static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    private static final Actor STRANGER = new Actor("mallory", "mac", "conn-mallory");

    private final SyncWorld world = new SyncWorld();
    private final InMemoryPresenceRecords records = new InMemoryPresenceRecords();
    private final List<Queued> queued = new ArrayList<>();
    private final Set<String> hidden = new HashSet<>();
    private final UserSettings settings = new UserSettings() {
        @Override
        public Settings of(String userId) {
            return hidden.contains(userId) ? new Settings(false, true) : Settings.DEFAULTS;
        }

        @Override
        public Map<String, Settings> of(Collection<String> userIds) {
            Map<String, Settings> found = new HashMap<>();
            userIds.forEach(userId -> found.put(userId, of(userId)));
            return found;
        }

        @Override
        public Settings update(String userId, Boolean presenceVisible, Boolean pushPreview) {
            throw new UnsupportedOperationException("not used here");
        }
    };
    private final AnnouncePresence announce = new AnnouncePresence(records,
            (change, delaySeconds) -> queued.add(new Queued(change, delaySeconds)), world.clock);
    private final RegisterConnection connect = new RegisterConnection(world.connections, announce, world.clock);
    private final RemoveConnection disconnect = new RemoveConnection(world.connections, announce, world.clock);
    private final Contacts contacts = new Contacts(world.rows, world.timeline);
    private final LiveConnections live = userIds -> world.connections.findLive(userIds, world.clock.instant()).stream()
            .map(c -> new Recipient(c.userId(), c.connectionId(), c.deviceId())).toList();
    private final PublishPresence worker = new PublishPresence(records, live, settings, contacts, world.fanOut);

    private record Queued(PresenceChange change, int delaySeconds) {
    }

    @BeforeEach
    void aliceAndBobShareAConversationAndAStrangerIsOnline() {
        world.conversation(ConversationId.direct("alice", "bob"), Kind.DIRECT, "alice", "bob");
        connect.register(STRANGER.connectionId(), STRANGER.userId(), STRANGER.deviceId());
        connect.register(BOB.connectionId(), BOB.userId(), BOB.deviceId());
        queued.clear();
    }

    private void runWorker() {
        List<Queued> batch = List.copyOf(queued);
        queued.clear();
        batch.forEach(item -> worker.publish(item.change()));
    }

    private List<JsonNode> presenceEventsTo(String connectionId) {
        return world.eventsTo(connectionId).stream().filter(e -> e.get("type").asText().equals("presence")).toList();
    }

    @Test
    void coming_online_reaches_contacts_once_however_many_devices_connect_and_never_a_stranger() {
        connect.register("conn-alice-1", "alice", "phone");
        connect.register("conn-alice-2", "alice", "laptop");
        runWorker();

        assertThat(presenceEventsTo("conn-bob")).singleElement().satisfies(event -> {
            assertThat(event.get("userId").asText()).isEqualTo("alice");
            assertThat(event.get("status").asText()).isEqualTo("online");
        });
        assertThat(presenceEventsTo("conn-mallory")).isEmpty();
    }

    @Test
    void a_quick_reconnect_does_not_flap_and_a_real_departure_is_published_after_the_debounce_with_last_seen() {
        connect.register("conn-alice-1", "alice", "phone");
        runWorker();
        disconnect.remove("conn-alice-1", "alice");
        assertThat(queued).singleElement().satisfies(item -> {
            assertThat(item.change().kind()).isEqualTo(PresenceChange.Kind.OFFLINE_CHECK);
            assertThat(item.delaySeconds()).isEqualTo(Limits.PRESENCE_DEBOUNCE_SECONDS);
        });
        connect.register("conn-alice-2", "alice", "phone");
        runWorker();
        assertThat(presenceEventsTo("conn-bob")).as("only the first online").hasSize(1);

        world.tick(60_000);
        long leftAt = world.clock.millis();
        disconnect.remove("conn-alice-2", "alice");
        runWorker();

        assertThat(presenceEventsTo("conn-bob")).last().satisfies(event -> {
            assertThat(event.get("status").asText()).isEqualTo("offline");
            assertThat(event.get("lastSeenAt").asLong()).isEqualTo(leftAt);
        });
        assertThat(presenceEventsTo("conn-mallory")).isEmpty();
    }

    @Test
    void closing_one_of_several_sockets_starts_no_offline_check() {
        connect.register("conn-alice-1", "alice", "phone");
        connect.register("conn-alice-2", "alice", "laptop");
        queued.clear();

        disconnect.remove("conn-alice-1", "alice");

        assertThat(queued).isEmpty();
    }

    @Test
    void a_user_who_hides_presence_is_never_published_and_is_left_out_of_get_presence() {
        hidden.add("alice");
        connect.register("conn-alice-1", "alice", "phone");
        runWorker();

        assertThat(presenceEventsTo("conn-bob")).isEmpty();
        assertThat(new GetPresence(contacts, settings, live, records)
                .get(BOB, new GetPresence.Command(List.of("alice"))).presence()).isEmpty();
    }

    @Test
    void get_presence_answers_for_contacts_only_with_online_or_last_seen() {
        connect.register("conn-alice-1", "alice", "phone");
        world.tick(1_000);
        disconnect.remove("conn-alice-1", "alice");
        runWorker();
        GetPresence getPresence = new GetPresence(contacts, settings, live, records);

        assertThat(getPresence.get(BOB, new GetPresence.Command(List.of("alice", "mallory"))).presence())
                .containsExactly(new PresenceInfo("alice", "offline", world.clock.millis()));
        assertThat(getPresence.get(ALICE, new GetPresence.Command(List.of("bob"))).presence())
                .containsExactly(new PresenceInfo("bob", "online", null));
        assertThat(getPresence.get(STRANGER, new GetPresence.Command(List.of("bob", "alice"))).presence()).isEmpty();
    }

    @Test
    void asking_for_no_users_or_too_many_is_a_bad_request() {
        List<String> many = IntStream.rangeClosed(0, Limits.MAX_PRESENCE_USERS).mapToObj(i -> "u" + i).toList();
        GetPresence getPresence = new GetPresence(contacts, settings, live, records);

        for (List<String> userIds : List.of(many, List.<String>of())) {
            FailureException thrown = catchThrowableOfType(FailureException.class,
                    () -> getPresence.get(BOB, new GetPresence.Command(userIds)));

            assertThat(thrown.failure()).isEqualTo(new Failure.BadRequest("Field \"userIds\" must hold 1 to 50 user ids."));
        }
    }
}
