package dev.parley.client.connection;

import dev.parley.client.ConnectionState;
import dev.parley.client.auth.AuthException;
import dev.parley.client.auth.Session;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One logical connection to Parley that survives socket losses: it connects with a fresh token
 * and the device id, keeps the socket alive with application-level pings, and reconnects with
 * full-jitter backoff. It stops for good (SignedOut) on a 403 (revoked device or signed out
 * everywhere) and when Cognito refuses the refresh token, so it never loops against a refusal. A
 * 401 waits with backoff like any failure, then refreshes the token before the next attempt.
 * Every state change runs on the one {@code loop} thread, in order.
 */
public final class ConnectionManager {
    private static final Logger LOG = Logger.getLogger(ConnectionManager.class.getName());

    /** What the client does with the socket's life and its frames. */
    public interface Handler {
        void onOpen();

        void onText(String text);

        void onClosed(String why);
    }

    /** Just over API Gateway's 29 s integration timeout. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    private final OkHttpClient http;
    private final HttpUrl url;
    private final String deviceId;
    private final String platform;
    private final Session session;
    private final Backoff backoff;
    private final ScheduledExecutorService loop;
    private final Handler handler;
    private final CopyOnWriteArrayList<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();

    private volatile ConnectionState state = new ConnectionState.Waiting(0, 0, "not started");
    private volatile WebSocket socket;
    private int generation;
    private int attempt;
    private boolean stopped;
    private ScheduledFuture<?> retry;
    private volatile int connectAttempts;

    public ConnectionManager(OkHttpClient http, String webSocketUrl, String deviceId, String platform, Session session,
                             Backoff backoff, ScheduledExecutorService loop, Handler handler) {
        HttpUrl parsed = HttpUrl.parse(webSocketUrl.replaceFirst("^ws", "http"));
        if (parsed == null) {
            throw new IllegalArgumentException("not a WebSocket URL: " + webSocketUrl);
        }
        // The handshake waits for $connect's authorizer and integration, which API Gateway gives up to
        // 29 s. With OkHttp's default 10 s read timeout, a loaded server's completed connects were
        // abandoned and retried, adding to the load. After the upgrade OkHttp reads without a timeout.
        this.http = http.readTimeoutMillis() != 0 && http.readTimeoutMillis() < HANDSHAKE_TIMEOUT_MILLIS
                ? http.newBuilder().readTimeout(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).build() : http;
        this.url = parsed;
        this.deviceId = deviceId;
        this.platform = platform;
        this.session = session;
        this.backoff = backoff;
        this.loop = loop;
        this.handler = handler;
    }

    public ConnectionState state() {
        return state;
    }

    /** How many sockets this manager tried to open (for tests and diagnostics). */
    public int connectAttempts() {
        return connectAttempts;
    }

    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
        listener.accept(state);
    }

    public void start() {
        post(() -> {
            stopped = false;
            attempt = 0;
            open();
        });
    }

    /** Skips the wait of a Waiting state (for example when the platform reports the network is back). */
    public void reconnectNow() {
        post(() -> {
            if (!stopped && state instanceof ConnectionState.Waiting) {
                cancelRetry();
                open();
            }
        });
    }

    public void stop() {
        post(() -> {
            stopped = true;
            cancelRetry();
            closeSocket("stopped by the app");
            setState(new ConnectionState.Stopped());
        });
    }

    /** Sends a text frame on the open socket; false when there is none (the caller fails its request). */
    public boolean send(String text) {
        WebSocket open = socket;
        return open != null && state instanceof ConnectionState.Connected && open.send(text);
    }

    /** Drops the current socket (a missed ping reply: the socket is dead even if TCP has not noticed). */
    public void dropSocket(String why) {
        post(() -> {
            WebSocket open = socket;
            if (open != null) {
                LOG.info("dropping the socket: " + why);
                open.cancel();
            }
        });
    }

    /** Runs on the loop thread; after the client closed, callbacks of sockets still closing are dropped. */
    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.fine("the client is closed; a late socket callback is dropped");
        }
    }

    private void open() {
        if (stopped || state instanceof ConnectionState.SignedOut) {
            return;
        }
        attempt++;
        setState(new ConnectionState.Connecting(attempt));
        String token;
        try {
            token = session.accessToken();
        } catch (AuthException e) {
            signOut("the session could not be refreshed: " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            scheduleRetry("token refresh failed: " + e.getMessage());
            return;
        }
        HttpUrl.Builder connectUrl = url.newBuilder().addQueryParameter("token", token).addQueryParameter("deviceId", deviceId);
        if (platform != null) {
            connectUrl.addQueryParameter("platform", platform);
        }
        int mine = ++generation;
        connectAttempts++;
        socket = http.newWebSocket(new Request.Builder().url(connectUrl.build()).build(), new Listener(mine));
    }

    private void scheduleRetry(String why) {
        if (stopped || state instanceof ConnectionState.SignedOut) {
            return;
        }
        long delay = backoff.delayMillis(Math.max(1, attempt));
        setState(new ConnectionState.Waiting(System.currentTimeMillis() + delay, attempt, why));
        retry = loop.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    private void signOut(String why) {
        cancelRetry();
        closeSocket(why);
        setState(new ConnectionState.SignedOut(why));
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void closeSocket(String why) {
        WebSocket open = socket;
        socket = null;
        generation++;
        if (open != null) {
            open.close(1000, null);
            handler.onClosed(why);
        }
    }

    private void setState(ConnectionState next) {
        state = next;
        for (Consumer<ConnectionState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a connection state listener failed", e);
            }
        }
    }

    /** Socket callbacks arrive on OkHttp's threads; a stale socket's (older generation) are ignored. */
    private final class Listener extends WebSocketListener {
        private final int mine;

        Listener(int mine) {
            this.mine = mine;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            post(() -> {
                if (mine != generation) {
                    webSocket.close(1000, null);
                    return;
                }
                attempt = 0;
                setState(new ConnectionState.Connected());
                handler.onOpen();
            });
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (mine == generation) {
                handler.onText(text);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            lost("closed by the server (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            lost(response != null ? "connect refused with HTTP " + response.code() : "socket failed: " + t, response);
        }

        private void lost(String why, Response response) {
            int status = response == null ? 0 : response.code();
            post(() -> {
                if (mine != generation) {
                    return;
                }
                socket = null;
                handler.onClosed(why);
                if (status == 403) {
                    signOut("refused with 403: the device was revoked or the user signed out everywhere; sign in again");
                } else if (status == 401) {
                    // Refresh (docs/protocol.md#connecting), at the next attempt after the backoff, not at once:
                    // a server that cannot check tokens has answered every device 401 under a connect flood, and
                    // a crowd refreshing at the same moment is a second storm, on Cognito (whose quota is far below
                    // API Gateway's) or on a local cloud's one moto.
                    session.accessTokenRefused();
                    scheduleRetry(why);
                } else {
                    scheduleRetry(why);
                }
            });
        }
    }
}
