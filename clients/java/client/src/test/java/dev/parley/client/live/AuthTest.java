package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.AuthException;
import dev.parley.client.auth.Session;
import dev.parley.client.auth.Tokens;
import dev.parley.client.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Sign-in, refresh and revocation against the local cloud's Cognito and authorizer. */
class AuthTest extends LiveTest {

    @Test
    void aTokenAboutToExpireIsRefreshedThroughCognitoBeforeTheConnect() {
        Tokens signedIn = cloud.signIn("carol");
        // The session's clock runs an hour ahead: the hour-long access token looks expiring.
        Session session = new Session(signedIn, cloud.cognito, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
                Session.DEFAULT_REFRESH_AHEAD);
        Tokens[] refreshed = new Tokens[1];
        session.addTokenListener(tokens -> refreshed[0] = tokens);

        ParleyClient carol = connect(session, cloud.webSocketUrl, new InMemoryStore(), new Recorder(), options -> { });

        assertThat(session.refreshCount()).isGreaterThanOrEqualTo(1);
        assertThat(refreshed[0].accessToken()).isNotEqualTo(signedIn.accessToken());
        assertThat(refreshed[0].refreshToken()).isEqualTo(signedIn.refreshToken());
        assertThat(refreshed[0].userId()).isEqualTo(signedIn.userId());
        assertThat(carol.state()).isInstanceOf(ConnectionState.Connected.class);
    }

    @Test
    void aRefreshCognitoRefusesSignsOutWithoutAConnectAttempt() {
        Tokens signedIn = cloud.signIn("carol");
        Tokens badRefresh = new Tokens(signedIn.accessToken(), "not-a-refresh-token", signedIn.accessExpiresAt(),
                signedIn.userId());
        Session session = new Session(badRefresh, cloud.cognito, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
                Session.DEFAULT_REFRESH_AHEAD);
        Recorder states = new Recorder();
        ParleyClient carol = closeLater(cloud.client(session, TestCloud.newDeviceId("badrefresh"), new InMemoryStore(),
                options -> { }));
        carol.addStateListener(states);

        carol.start();

        await().atMost(WAIT).until(() -> carol.state() instanceof ConnectionState.SignedOut);
        assertThat(carol.connectAttempts()).isZero();
        assertThat(states.states).filteredOn(s -> s instanceof ConnectionState.Waiting waiting && waiting.attempt() > 0).isEmpty();
    }

    @Test
    void aRevokedDeviceStopsReconnecting() throws Exception {
        Recorder phoneSaw = new Recorder();
        ParleyClient phone = connect("carol", phoneSaw);
        ParleyClient laptop = connect("carol", new Recorder());

        assertThat(laptop.api().revokeDevice(phone.deviceId()).get(30, TimeUnit.SECONDS).closedConnections()).isEqualTo(1);

        await().atMost(WAIT).until(() -> phone.state() instanceof ConnectionState.SignedOut);
        int attempts = phone.connectAttempts();
        assertThat(((ConnectionState.SignedOut) phone.state()).reason()).contains("403");
        assertThat(phoneSaw.states.get(phoneSaw.states.size() - 1)).isInstanceOf(ConnectionState.SignedOut.class);
        // Stays signed out: no timer left to try again.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> phone.connectAttempts() == attempts && phone.state() instanceof ConnectionState.SignedOut);
        assertThat(laptop.state()).isInstanceOf(ConnectionState.Connected.class);
    }

    @Test
    void aWrongPasswordIsAnAuthExceptionNamingCognitosError() {
        Throwable refused = catchThrowable(() -> cloud.cognito.signIn("carol", "wrong-password", null));
        assertThat(refused).isInstanceOf(AuthException.class);
        assertThat(((AuthException) refused).cognitoError()).isEqualTo("NotAuthorizedException");
    }

    @Test
    void aUserEnrolledInTotpSignsInWithTheCode() {
        Tokens dave = cloud.signIn("dave");
        assertThat(dave.refreshToken()).isNotBlank();
        assertThat(dave.accessExpiresAt()).isAfter(java.time.Instant.now());
    }
}
