package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.model.v1.SignOutEverywhereReply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignOutEverywhereTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Actor ALICE_ON_IPHONE = new Actor("user-1", "iphone", "conn-iphone");
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingConnectionCloser closer = new RecordingConnectionCloser();
    private final RecordingSessionTerminator sessions = new RecordingSessionTerminator();
    private final SignOutEverywhere signOutEverywhere =
            new SignOutEverywhere(devices, connections, closer, sessions, Clock.fixed(NOW, ZoneOffset.UTC));

    private void connected(String userId, String deviceId, String connectionId) {
        devices.seen(userId, deviceId, "ios", NOW.minusSeconds(600));
        connections.save(Connection.opened(connectionId, userId, deviceId, NOW.minusSeconds(600)));
    }

    @Test
    void signing_out_everywhere_ends_the_cognito_sessions_revokes_the_user_and_closes_every_other_socket_of_theirs() {
        connected("user-1", "iphone", "conn-iphone");
        connected("user-1", "iphone", "conn-iphone-2");
        connected("user-1", "tablet", "conn-tablet");
        connected("user-1", "laptop", "conn-laptop");
        connected("user-2", "phone", "conn-bob");

        SignOutEverywhereReply reply = signOutEverywhere.signOut(ALICE_ON_IPHONE, "alice");

        assertThat(reply).isEqualTo(new SignOutEverywhereReply(3, 3));
        assertThat(sessions.signedOut()).containsExactly("alice");
        assertThat(devices.userRevokedAt("user-1")).isEqualTo(NOW);
        assertThat(devices.userRevokedAt("user-2")).isNull();
        assertThat(closer.closed()).containsExactlyInAnyOrder("conn-iphone-2", "conn-tablet", "conn-laptop");
        assertThat(connections.findLive("user-2", NOW)).hasSize(1);
    }

    @Test
    void every_device_of_the_user_is_refused_with_a_token_from_before_and_accepted_after_signing_in_again() {
        connected("user-1", "tablet", "conn-tablet");

        signOutEverywhere.signOut(ALICE_ON_IPHONE, "alice");

        Revocations tablet = devices.revocations("user-1", "tablet");
        assertThat(tablet.userSignedOutSince(NOW.minusSeconds(3600))).isTrue();
        assertThat(tablet.userSignedOutSince(NOW.plusSeconds(1))).isFalse();
        assertThat(devices.revocations("user-1", "never-seen").userSignedOutSince(NOW.minusSeconds(1))).isTrue();
    }

    @Test
    void without_a_username_from_the_authorizer_nothing_is_revoked() {
        assertThatThrownBy(() -> signOutEverywhere.signOut(ALICE_ON_IPHONE, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(sessions.signedOut()).isEmpty();
        assertThat(devices.userRevokedAt("user-1")).isNull();
    }
}
