package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Opens and closes connections: the idle timeout (only data frames reset it) and the maximum lifetime
 * both close with 1001, and {@code $disconnect} fires once per connection, after the socket closed, on
 * every close path (client close, server close, idle, lifetime, DELETE, abnormal drop, gateway stop),
 * with the close code. {@code $disconnect} is best effort: its failures are logged, never shown to anyone;
 * with {@link GatewaySettings#maxConcurrentDisconnects} at most that many run at once, the rest in turn.
 */
final class ConnectionLifecycle implements AutoCloseable {
    static final String GOING_AWAY = "Going away";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final ConnectionRegistry registry;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration lostClientDisconnectDelay;
    private final Optional<RouteDefinition> disconnectRoute;
    private final LambdaIntegrations integrations;
    private final WebSocketEvents events;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timers;
    private final InvocationQueue disconnects;
    /** Set once the gateway starts stopping: a socket that opens from then on is closed with 1001 at once. */
    private volatile boolean stopping;

    ConnectionLifecycle(ConnectionRegistry registry, GatewaySettings settings, Optional<RouteDefinition> disconnectRoute,
                        LambdaIntegrations integrations, WebSocketEvents events, Clock clock) {
        this.registry = registry;
        this.idleTimeout = settings.idleTimeout();
        this.maxLifetime = settings.maxLifetime();
        this.lostClientDisconnectDelay = settings.lostClientDisconnectDelay();
        this.disconnectRoute = disconnectRoute;
        this.integrations = integrations;
        this.events = events;
        this.clock = clock;
        this.disconnects = new InvocationQueue(settings.maxConcurrentDisconnects());
        this.timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gateway-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    void opened(Connection connection, Session session) {
        connection.open(session);
        if (stopping) {
            // The client finished its handshake while the gateway was stopping (closeAll ran before this
            // socket was open): it gets its 1001 now instead of a dropped socket (1006) when Jetty stops.
            connection.close(StatusCode.SHUTDOWN, GOING_AWAY);
        }
        long lifetimeLeft = connection.connectedAt() + maxLifetime.toMillis() - clock.millis();
        connection.scheduleClosers(
                timers.schedule(() -> checkIdle(connection), idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                timers.schedule(() -> expire(connection), Math.max(0, lifetimeLeft), TimeUnit.MILLISECONDS));
        LOG.info("connected connectionId={}", connection.id());
    }

    void closed(Connection connection, int statusCode, String reason) {
        if (!connection.markClosed()) {
            return;
        }
        registry.remove(connection);
        LOG.info("disconnected connectionId={} statusCode={}", connection.id(), statusCode);
        if (statusCode == StatusCode.ABNORMAL && !lostClientDisconnectDelay.isZero()) {
            timers.schedule(() -> invokeDisconnect(connection, statusCode, reason),
                    lostClientDisconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            invokeDisconnect(connection, statusCode, reason);
        }
    }

    private void invokeDisconnect(Connection connection, int statusCode, String reason) {
        disconnectRoute.ifPresent(route -> disconnects.submit(() -> {
            ObjectNode event = events.disconnect(connection, GatewayIds.next(), statusCode, reason);
            return integrations.invoke(route.function(), event).whenComplete((response, failure) -> {
                if (failure != null) {
                    LOG.warn("$disconnect failed (invisible to clients, as on AWS) connectionId={} failure={}",
                            connection.id(), String.valueOf(failure));
                }
            });
        }));
    }

    /** {@code $disconnect} invocations waiting for a slot under {@link GatewaySettings#maxConcurrentDisconnects}. */
    int disconnectsWaiting() {
        return disconnects.waiting();
    }

    /**
     * Waits, up to {@code limit}, for every {@code $disconnect} fired so far to finish (those waiting for a
     * slot included), so that stopping does not interrupt them halfway.
     *
     * @return false if some were still under way when {@code limit} had passed
     */
    boolean awaitDisconnects(Duration limit) throws InterruptedException {
        return disconnects.awaitIdle(limit);
    }

    private void checkIdle(Connection connection) {
        long idleFor = clock.millis() - connection.lastActiveAt();
        if (idleFor >= idleTimeout.toMillis()) {
            LOG.info("idle timeout connectionId={}", connection.id());
            connection.close(StatusCode.SHUTDOWN, GOING_AWAY);
        } else {
            connection.rescheduleIdleCheck(timers.schedule(() -> checkIdle(connection),
                    idleTimeout.toMillis() - idleFor, TimeUnit.MILLISECONDS));
        }
    }

    private void expire(Connection connection) {
        LOG.info("maximum connection lifetime reached connectionId={}", connection.id());
        connection.close(StatusCode.SHUTDOWN, GOING_AWAY);
    }

    /**
     * Closes every open connection with 1001, as API Gateway does when it goes away; each fires $disconnect.
     * Completes when every one of them has finished its close handshake.
     */
    CompletableFuture<Void> closeAll() {
        stopping = true;
        List<CompletableFuture<Void>> handshakes = new ArrayList<>();
        // Connections still in their handshake count too: the client may already hold an open socket
        // whose server side is not open yet (opened() closes it on arrival), or be refused (its
        // handshake then completes whenClosed).
        registry.all().stream().filter(connection -> connection.state() != Connection.State.CLOSED).forEach(connection -> {
            connection.close(StatusCode.SHUTDOWN, GOING_AWAY);
            handshakes.add(connection.whenClosed());
        });
        return CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
