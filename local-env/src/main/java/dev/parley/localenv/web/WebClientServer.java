package dev.parley.localenv.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves the web client ({@code clients/web}) as static files, plus {@code /config.json}: what the
 * browser needs to sign in and connect ({@link WebClientConfig}). Its own port, so the gateway keeps
 * answering unknown paths with API Gateway's 403.
 *
 * <p>Only GET and HEAD; only regular files below the root whose path has no hidden segment and does
 * not enter {@link #PRIVATE_DIRECTORIES}; anything else, {@code ..} included, is 404. Every response
 * says {@code no-cache}: the files change while a developer works on them.
 */
public final class WebClientServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebClientServer.class);

    /** Build and test output and dependencies: not part of the client. */
    private static final Set<String> PRIVATE_DIRECTORIES = Set.of("node_modules", "target", "test");

    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

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
        jetty.setHandler(new StaticFiles());
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

    /** The file a request path names, or null when it names none that may be served. */
    Path resolve(String requestPath) {
        String path = requestPath.isEmpty() || requestPath.equals("/") ? "/index.html" : requestPath;
        if (!path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return null;
            }
        }
        if (PRIVATE_DIRECTORIES.contains(segments[0])) {
            return null;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(root.toRealPath(LinkOption.NOFOLLOW_LINKS))) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return file;
    }

    static String mediaType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private final class StaticFiles extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            boolean head = HttpMethod.HEAD.is(method);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            if (!head && !HttpMethod.GET.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return send(response, callback, 405, "text/plain; charset=utf-8", "Method not allowed\n".getBytes(), false);
            }
            // The decoded path: %2e%2e arrives here as "..", and Jetty has already refused ambiguous forms.
            String path = Request.getPathInContext(request);
            if (path.equals("/config.json")) {
                return send(response, callback, 200, "application/json", config, head);
            }
            Path file = resolve(path);
            if (file == null) {
                return send(response, callback, 404, "text/plain; charset=utf-8", "Not found\n".getBytes(), false);
            }
            return send(response, callback, 200, mediaType(file), Files.readAllBytes(file), head);
        }

        private boolean send(Response response, Callback callback, int status, String type, byte[] body, boolean head) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
