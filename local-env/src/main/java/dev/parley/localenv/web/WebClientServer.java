package dev.parley.localenv.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Serves the web client ({@code clients/web}) as static files with Jetty's {@link ResourceHandler},
 * plus {@code /config.json}: what the browser needs to sign in and connect ({@link WebClientConfig}).
 * Its own port, so the gateway keeps answering unknown paths with API Gateway's 403.
 *
 * <p>Jetty resolves paths (no {@code ..} above the root, no aliases, no directory listings); in
 * front of it, hidden segments and {@link #PRIVATE_DIRECTORIES} are 404. Every response says
 * {@code no-cache} (with an ETag): the files change while a developer works on them.
 */
public final class WebClientServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebClientServer.class);

    /** Build and test output and dependencies: not part of the client. */
    private static final Set<String> PRIVATE_DIRECTORIES = Set.of("node_modules", "target", "test");

    private final Path root;
    private final byte[] config;
    private Server server;
    private int port;

    /**
     * @param root   the client's directory ({@code clients/web})
     * @param config the JSON served as {@code /config.json}
     */
    public WebClientServer(Path root, WebClientConfig config) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config.toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Binds the port (0: a free one) and starts serving; returns the bound port. */
    public synchronized int start(int requestedPort) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("web-client");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setPort(requestedPort);
        jetty.addConnector(connector);
        jetty.setStopTimeout(2_000);

        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(jetty).newResource(root));
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of("index.html"));
        files.setCacheControl("no-cache");
        files.setEtags(true);
        files.setUseFileMapping(false);
        ContextHandler context = new ContextHandler(new ConfigAndPrivatePaths(files), "/");
        jetty.setHandler(context);
        jetty.start();
        this.server = jetty;
        this.port = connector.getLocalPort();
        LOG.info("web client served url={} root={}", url(), root);
        return port;
    }

    /** {@code http://localhost:{port}/}. */
    public URI url() {
        return URI.create("http://localhost:" + port + "/");
    }

    @Override
    public synchronized void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Whether a (decoded) request path may reach the files: no hidden segment, no private directory. */
    static boolean servable(String path) {
        String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {path};
        if (PRIVATE_DIRECTORIES.contains(segments[0])) {
            return false;
        }
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private final class ConfigAndPrivatePaths extends Handler.Wrapper {
        ConfigAndPrivatePaths(Handler files) {
            super(files);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            String path = Request.getPathInContext(request);
            if (path.equals("/config.json")) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                response.write(true, ByteBuffer.wrap(config), callback);
                return true;
            }
            if (!servable(path)) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
