package dev.parley.it;

import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetPresenceReply;
import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.GetSettingsRequest;
import dev.parley.model.v1.PresenceInfo;
import dev.parley.model.v1.SettingsReply;
import dev.parley.model.v1.UpdateSettingsRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Presence over real sockets (docs/protocol/live.md): online, offline and last seen, visible
 * only to users who share a conversation, debounced by {@link Limits#PRESENCE_DEBOUNCE_SECONDS},
 * hidden by a setting.
 *
 * <p>The outsider, who shares no conversation with anyone, is the TOTP test user (locally dave):
 * no test creates a conversation with him. The subject whose presence changes is carol, and bob
 * watches.
 */
class PresenceTest extends WithThreeUsers {
    /** The offline debounce, plus the queue's delivery and a margin. */
    private static final Duration OFFLINE_WAIT = Duration.ofSeconds(Limits.PRESENCE_DEBOUNCE_SECONDS + 10);

    private static PresenceInfo awaitPresence(Device device, String userId, String status, Duration timeout) {
        return device.awaitEvent(Actions.PRESENCE_EVENT,
                p -> p.path("userId").asText().equals(userId) && p.path("status").asText().equals(status),
                PresenceInfo.class, timeout, "presence " + status + " of " + userId);
    }

    private static List<PresenceInfo> presence(Device asking, String... userIds) {
        return asking.call(Actions.GET_PRESENCE, new GetPresenceRequest(List.of(userIds)), GetPresenceReply.class).presence();
    }

    /** The TOTP user, signed in, with the id findUsers gives for him; skips the test where the target has none. */
    private static TestUser outsider() {
        TargetStack target = TestUsers.target();
        assumeThat(target.totpUser()).as("a test user (locally dave) who shares no conversation with anyone").isPresent();
        String name = target.totpUser().orElseThrow();
        String token = signedInAndConnecting(target, name);
        try (Device any = Device.connect(alice)) {
            FindUsersReply found = any.call(Actions.FIND_USERS, new FindUsersRequest(List.of(name)), FindUsersReply.class);
            return new TestUser(name, token, found.users().getFirst().userId());
        }
    }

    /**
     * A token of the user that connects. DevicesTest may have signed him out everywhere within this
     * second, which refuses tokens signed in before the sign-out's second ends: sign in again until
     * one connects.
     */
    private static String signedInAndConnecting(TargetStack target, String name) {
        long deadline = System.nanoTime() + Device.WAIT.toNanos();
        while (true) {
            String token = target.accessToken(name);
            try {
                Device.connect(new TestUser(name, token, null), Device.uniqueId("presence"), "web").close();
                return token;
            } catch (WsClient.HandshakeRefused refused) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no sign-in of " + name + " connected within " + Device.WAIT, refused);
                }
            }
        }
    }

    @Test
    void a_contact_sees_offline_after_the_debounce_then_online_and_a_user_who_shares_no_conversation_sees_nothing() {
        TestUser dave = outsider();
        try (Device watcher = Device.connect(bob); Device outsider = Device.connect(dave)) {
            String id = watcher.createGroup("presence", false, carol.userId()).conversationId();
            // A send cleans up connections of carol that other tests dropped without a close frame.
            watcher.send(id, Device.uniqueId("m"), "are you there?");
            Device.connect(carol).close();

            PresenceInfo offline = awaitPresence(watcher, carol.userId(), "offline", OFFLINE_WAIT);
            assertThat(offline.lastSeenAt()).as("last seen").isNotNull().isPositive();
            watcher.eventsWithin(Actions.PRESENCE_EVENT, Device.field("userId", carol.userId()), PresenceInfo.class, Duration.ZERO);

            try (Device back = Device.connect(carol)) {
                awaitPresence(watcher, carol.userId(), "online", Device.WAIT);

                assertThat(presence(watcher, carol.userId(), dave.userId())).as("dave shares no conversation with bob")
                        .singleElement().satisfies(p -> {
                            assertThat(p.userId()).isEqualTo(carol.userId());
                            assertThat(p.status()).isEqualTo("online");
                        });
                assertThat(presence(outsider, carol.userId(), bob.userId(), alice.userId()))
                        .as("a user who shares no conversation learns nothing").isEmpty();
                assertThat(presence(back, dave.userId())).isEmpty();
            }
            // The marker is taken after the watcher got both transitions of carol (each one fan-out that
            // would have posted to the outsider beside the watcher) and three round trips more.
            assertThat(outsider.eventsBeforeMarker(Actions.PRESENCE_EVENT, p -> true, PresenceInfo.class))
                    .as("no presence event reached the outsider before the marker").isEmpty();
        }
    }

    @Test
    void a_user_who_hides_presence_is_left_out_of_getPresence_until_showing_it_again() {
        try (Device c = Device.connect(carol); Device watcher = Device.connect(bob)) {
            watcher.createGroup("hide and seek", false, carol.userId());
            try {
                SettingsReply hidden = c.call(Actions.UPDATE_SETTINGS, new UpdateSettingsRequest(false, null), SettingsReply.class);
                assertThat(hidden.presenceVisible()).isFalse();
                assertThat(c.call(Actions.GET_SETTINGS, new GetSettingsRequest(), SettingsReply.class).presenceVisible()).isFalse();

                assertThat(presence(watcher, carol.userId())).as("connected, but hidden").isEmpty();
            } finally {
                SettingsReply shown = c.call(Actions.UPDATE_SETTINGS, new UpdateSettingsRequest(true, null), SettingsReply.class);
                assertThat(shown.presenceVisible()).isTrue();
            }
            assertThat(presence(watcher, carol.userId())).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo("online"));
        }
    }

    @Test
    void updateSettings_changes_only_the_fields_it_names_and_getSettings_reads_them_back() {
        try (Device c = Device.connect(carol)) {
            SettingsReply before = c.call(Actions.GET_SETTINGS, new GetSettingsRequest(), SettingsReply.class);
            try {
                SettingsReply noPreview = c.call(Actions.UPDATE_SETTINGS, new UpdateSettingsRequest(null, false), SettingsReply.class);
                assertThat(noPreview.pushPreview()).isFalse();
                assertThat(noPreview.presenceVisible()).as("untouched").isEqualTo(before.presenceVisible());
            } finally {
                c.call(Actions.UPDATE_SETTINGS, new UpdateSettingsRequest(null, true), SettingsReply.class);
            }
            assertThat(c.call(Actions.GET_SETTINGS, new GetSettingsRequest(), SettingsReply.class).pushPreview()).isTrue();
        }
    }
}
