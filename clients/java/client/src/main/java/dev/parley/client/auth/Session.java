package dev.parley.client.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The signed-in user's tokens, refreshed ahead of expiry. The connection manager asks it for an
 * access token before every connect; a token that expires within {@code refreshAhead} (or that
 * the server refused) is refreshed first through the {@link TokenRefresher}.
 */
public final class Session {
    /** Refresh this long before expiry, so a connect never races the token's last seconds. */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);

    private final TokenRefresher refresher;
    private final Clock clock;
    private final Duration refreshAhead;
    private final CopyOnWriteArrayList<Consumer<Tokens>> tokenListeners = new CopyOnWriteArrayList<>();
    private Tokens tokens;
    private boolean refused;
    private int refreshes;

    public Session(Tokens tokens, TokenRefresher refresher, Clock clock, Duration refreshAhead) {
        this.tokens = tokens;
        this.refresher = refresher;
        this.clock = clock;
        this.refreshAhead = refreshAhead;
    }

    public Session(Tokens tokens, TokenRefresher refresher) {
        this(tokens, refresher, Clock.systemUTC(), DEFAULT_REFRESH_AHEAD);
    }

    /** The user id (Cognito sub) the tokens belong to. */
    public synchronized String userId() {
        return tokens.userId();
    }

    /**
     * An access token valid for at least {@code refreshAhead}, refreshing first when needed.
     *
     * @throws AuthException when the refresh token no longer works (or there is none and the access token is done)
     * @throws IOException   when a needed refresh could not be made now
     */
    public synchronized String accessToken() throws AuthException, IOException {
        boolean expiring = !clock.instant().plus(refreshAhead).isBefore(tokens.accessExpiresAt());
        if (refused || expiring) {
            if (tokens.refreshToken() == null || refresher == null) {
                throw new AuthException("NoRefreshToken", "the access token is " + (refused ? "refused" : "expiring")
                        + " and there is no refresh token");
            }
            Tokens fresh = refresher.refresh(tokens.refreshToken());
            // Cognito's refresh answer carries no new refresh token: keep the one we have.
            tokens = fresh.refreshToken() != null ? fresh
                    : new Tokens(fresh.accessToken(), tokens.refreshToken(), fresh.accessExpiresAt(), fresh.userId());
            refused = false;
            refreshes++;
            for (Consumer<Tokens> listener : tokenListeners) {
                listener.accept(tokens);
            }
        }
        return tokens.accessToken();
    }

    /** The server refused the current access token (401): the next {@link #accessToken()} refreshes. */
    public synchronized void accessTokenRefused() {
        refused = true;
    }

    /** How many refreshes this session made (for tests and diagnostics). */
    public synchronized int refreshCount() {
        return refreshes;
    }

    /** Called with the new tokens after each refresh, so that the app can keep them (e.g. in its keystore). */
    public void addTokenListener(Consumer<Tokens> listener) {
        tokenListeners.add(listener);
    }
}
