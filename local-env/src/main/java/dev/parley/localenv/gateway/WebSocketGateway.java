package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parley.model.Limits;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API Gateway WebSocket emulator: one API, one stage, real sockets (Jetty 12), and the real handler
 * classes invoked in-process through the Lambda Java serialization path ({@link LambdaInvoker}).
 *
 * <pre>{@code
 * try (var gateway = new WebSocketGateway(api, GatewaySettings.defaults())) {
 *     int port = gateway.start(3001);          // 0 picks a free port
 *     gateway.webSocketUri();                  // ws://localhost:3001/{stage}
 *     gateway.connectionsEndpoint();           // http://localhost:3001/{stage}, the SDK's endpointOverride
 * }
 * }</pre>
 *
 * <p>One port serves both: the WebSocket upgrade on {@code /{stage}} (and {@code /}), and
 * {@link ConnectionsApi @connections} on {@code /{stage}/@connections/{id}}. The gateway binds all
 * interfaces, so that {@code localhost} works over IPv4 and IPv6 and devices on the LAN can connect.
 *
 * <p>Every function gets {@code APIGW_MANAGEMENT_ENDPOINT} = {@link #connectionsEndpoint()} in its
 * environment, replacing the template's value: on AWS that is the stage's callback URL
 * ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}), which is not reachable locally;
 * locally the port is known only once the gateway has bound it.
 *
 * <p>See the package documentation for what is reproduced and where the emulator deliberately differs.
 */
public final class WebSocketGateway implements AutoCloseable {
    /** The management endpoint (without {@code /@connections}) each function finds in its environment. */
    public static final String MANAGEMENT_ENDPOINT_VARIABLE = "APIGW_MANAGEMENT_ENDPOINT";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketGateway.class);
    /** How long stop() waits for clients to answer its 1001: only a client that vanished takes this long. */
    private static final Duration CLOSE_HANDSHAKE_LIMIT = Duration.ofSeconds(10);
    /** How long stopping waits for the {@code $disconnect}s of the connections it closed (2,000 take a few seconds). */
    private static final Duration DISCONNECT_DRAIN_LIMIT = Duration.ofSeconds(60);

    private final ApiDefinition api;
    private final GatewaySettings settings;
    private final ClassLoader handlerClassLoader;
    private final MessageMeter meter = new MessageMeter();
    private Server server;
    private LambdaIntegrations integrations;
    private ConnectionLifecycle lifecycle;
    private int port;

    public WebSocketGateway(ApiDefinition api, GatewaySettings settings) {
        this(api, settings, Thread.currentThread().getContextClassLoader());
    }

    /** @param handlerClassLoader loads the handler classes (the functions jar) */
    public WebSocketGateway(ApiDefinition api, GatewaySettings settings, ClassLoader handlerClassLoader) {
        if (!api.stageName().matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("stage names are alphanumerics, hyphens and underscores: " + api.stageName());
        }
        this.api = api;
        this.settings = settings;
        this.handlerClassLoader = handlerClassLoader;
    }

    /**
     * Binds the port and starts serving. Handler classes are resolved here (a wrong handler name fails
     * now); handler instances are created on first use.
     *
     * @param requestedPort the port, or 0 for a free one
     * @return the bound port
     */
    public synchronized int start(int requestedPort) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port);
        }
        QueuedThreadPool threads = new QueuedThreadPool(256);
        threads.setName("gateway");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // API Gateway hands the client's header names to $connect in the client's casing.
        http.setHttpCompliance(HttpCompliance.RFC9110.with("client-header-case",
                HttpCompliance.Violation.CASE_SENSITIVE_FIELD_NAME));
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setPort(requestedPort);
        // The upgrade request stays open while the authorizer and $connect run.
        connector.setIdleTimeout(settings.integrationTimeout().toMillis() * 2 + 30_000);
        jetty.addConnector(connector);
        jetty.setStopTimeout(5_000);
        try {
            connector.open();
            this.port = connector.getLocalPort();
            jetty.setHandler(handlers(jetty));
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            connector.close();
            closeIntegrations();
            throw e;
        }
        this.server = jetty;
        LOG.info("API Gateway WebSocket emulator started webSocketUri={} connectionsEndpoint={}", webSocketUri(),
                connectionsEndpoint());
        return port;
    }

    /** {@code $disconnect} invocations waiting their turn under {@link GatewaySettings#maxConcurrentDisconnects}. */
    int disconnectsWaiting() {
        return lifecycle.disconnectsWaiting();
    }

    /** {@code /{stage}} and {@code /}: the upgrade; {@code /{stage}/@connections/{id}}: the management API; else 403. */
    private Handler handlers(Server jetty) {
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        Clock clock = Clock.systemUTC();
        ConnectionRegistry registry = new ConnectionRegistry();
        WebSocketEvents events = new WebSocketEvents(mapper, api.stageName(), settings.apiId(), clock);
        this.integrations = new LambdaIntegrations(invokers(), settings.integrationTimeout(), mapper);
        this.lifecycle = new ConnectionLifecycle(registry, settings, api.route(ApiDefinition.DISCONNECT), integrations,
                events, clock);
        RequestQuota quota = RequestQuota.of(settings.requestQuota());
        MessageRouter router = new MessageRouter(api, integrations, events, meter, mapper, quota);
        Optional<ConnectAuthorizer> authorizer = api.authorizer().map(definition -> new ConnectAuthorizer(definition,
                integrations, events, mapper, methodArn(ApiDefinition.CONNECT)));
        ConnectHandshake handshake = new ConnectHandshake(api.route(ApiDefinition.CONNECT), authorizer, registry,
                integrations, events, mapper, clock,
                connection -> new GatewayEndpoint(connection, lifecycle, router, meter, clock),
                settings.maxConcurrentHandshakes());

        ContextHandler root = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(jetty, root, container -> {
            // Jetty's parser then refuses a frame over 32 KB with 1009 instead of splitting it.
            container.setAutoFragment(false);
            container.setMaxFrameSize(Limits.MAX_FRAME_BYTES);
            container.setMaxTextMessageSize(Limits.MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(Limits.MAX_MESSAGE_BYTES);
            // Idle and lifetime closes are ours (only data frames count); Jetty's must never come first.
            container.setIdleTimeout(settings.maxLifetime().plus(settings.idleTimeout()));
            container.addMapping(new RegexPathSpec("^/(?:" + api.stageName() + "/?)?$"), handshake);
        });
        upgrades.setHandler(new Handler.Sequence(new ConnectionsApi(api.stageName(), registry, meter, mapper, quota),
                new ForbiddenPath()));
        root.setHandler(upgrades);
        return root;
    }

    /** What API Gateway answers for a path it has no route for. */
    private static final class ForbiddenPath extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(403);
            response.getHeaders().put("x-amzn-ErrorType", "ForbiddenException");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap("{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
    }

    /** The bound port (after {@link #start}). */
    public int port() {
        return port;
    }

    /** {@code ws://localhost:{port}/{stage}}, what clients connect to (AWS: {@code wss://{api}.execute-api...}). */
    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port + "/" + api.stageName());
    }

    /** {@code http://localhost:{port}/{stage}}: the {@code endpointOverride} of {@code ApiGatewayManagementApiClient}. */
    public URI connectionsEndpoint() {
        return URI.create("http://localhost:" + port + "/" + api.stageName());
    }

    /** Billed WebSocket messages, for the cost benchmark. */
    public MessageMeter meter() {
        return meter;
    }

    /**
     * Closes every connection (1001; each fires {@code $disconnect}), waits for the clients to answer
     * the close (at most {@link #CLOSE_HANDSHAKE_LIMIT}) and briefly for running invocations, and
     * releases the port.
     */
    public synchronized void stop() throws Exception {
        if (server == null) {
            return;
        }
        try {
            // Say 1001 to every client ourselves and wait for the close handshakes: stopping Jetty closes
            // the sockets, and a close frame still queued behind a busy thread pool would never be written
            // (the client would see 1006, and $disconnect would report 1006 too).
            if (lifecycle != null) {
                awaitCloseHandshakes(lifecycle.closeAll());
                // Their $disconnects (and any still queued) run to the end, with @connections still served:
                // the integrations' executor would interrupt them halfway.
                if (!lifecycle.awaitDisconnects(DISCONNECT_DRAIN_LIMIT)) {
                    LOG.warn("$disconnect invocations still under way after {}; interrupting them", DISCONNECT_DRAIN_LIMIT);
                }
            }
            server.stop();
        } catch (TimeoutException e) {
            // Jetty finishes stopping and only then reports that the graceful wait ran out (on a loaded
            // machine a client can be slow to answer the 1001 close); the port is released all the same.
            LOG.warn("graceful stop took longer than {} ms; stopped anyway", server.getStopTimeout());
        } finally {
            closeIntegrations();
            server = null;
        }
    }

    private static void awaitCloseHandshakes(CompletableFuture<Void> handshakes) throws InterruptedException {
        try {
            handshakes.get(CLOSE_HANDSHAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("some clients did not answer the 1001 close within {}; dropping them", CLOSE_HANDSHAKE_LIMIT);
        } catch (ExecutionException e) {
            throw new IllegalStateException("never fails", e);
        }
    }

    private void closeIntegrations() {
        if (integrations != null) {
            integrations.close();
        }
        if (lifecycle != null) {
            lifecycle.close();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private String methodArn(String routeKey) {
        return "arn:aws:execute-api:" + settings.region() + ":" + settings.accountId() + ":" + settings.apiId() + "/"
                + api.stageName() + "/" + routeKey;
    }

    private Map<String, LambdaInvoker> invokers() {
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        api.routes().values().forEach(route -> functions.putIfAbsent(route.function().logicalId(), route.function()));
        api.authorizer().ifPresent(a -> functions.putIfAbsent(a.function().logicalId(), a.function()));
        Map<String, LambdaInvoker> invokers = new HashMap<>();
        functions.values().forEach(function -> {
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.put(MANAGEMENT_ENDPOINT_VARIABLE, connectionsEndpoint().toString());
            FunctionDefinition local = new FunctionDefinition(function.logicalId(), function.handler(), environment);
            invokers.put(function.logicalId(), new LambdaInvoker(local, settings.region(), settings.accountId(),
                    handlerClassLoader));
        });
        return invokers;
    }
}
