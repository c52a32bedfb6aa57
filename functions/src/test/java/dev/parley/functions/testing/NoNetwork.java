package dev.parley.functions.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observes that a test touches no network: every connection the code under test would open goes
 * to a local socket instead, which records it, answers nothing and hangs up, and the test fails
 * if anything connected. Use it as {@code @RegisterExtension final NoNetwork network = new NoNetwork();}.
 *
 * <p>Three ways lead there, so that no route to the outside is left open: the JVM's default
 * {@link ProxySelector} sends every connection of the JDK's URL stack to the socket (the SDK's
 * UrlConnection client, the authorizer's JWKS fetch, the container credentials provider all use
 * it, whatever host they were given); the SDK's {@code aws.endpointUrl} names the socket, so
 * clients and the derived JWKS URL point there too; and {@code aws.containerCredentialsFullUri}
 * makes a credentials fetch one more connection to it. The code then fails where it connects
 * (no answer) and the recorded attempt says what it tried.
 *
 * <p>{@link #exceptTheSdkHttpWarmUp()} lets through one thing Parley does not do itself: the SDK's
 * {@code SdkWarmUp}, which priming calls, warms its HTTP client with a GET to the regional STS
 * endpoint, once per process, and ignores its failure. Parley never calls STS, so a connection to
 * STS is that warm-up and nothing else.
 */
public final class NoNetwork implements BeforeEachCallback, AfterEachCallback {
    private static final Pattern SDK_HTTP_WARM_UP = Pattern.compile("CONNECT sts\\.[a-z0-9-]+\\.amazonaws\\.com:443 HTTP/1\\.1");

    private final Predicate<String> allowed;

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final PropertyOverrides properties = new PropertyOverrides();
    private ServerSocket socket;
    private Thread acceptor;
    private ProxySelector previousSelector;

    /** Fails the test on any connection. */
    public NoNetwork() {
        this(attempt -> false);
    }

    private NoNetwork(Predicate<String> allowed) {
        this.allowed = allowed;
    }

    /** Fails the test on any connection but the SDK's own HTTP warm-up (see above). */
    public static NoNetwork exceptTheSdkHttpWarmUp() {
        return new NoNetwork(attempt -> SDK_HTTP_WARM_UP.matcher(attempt).matches());
    }

    boolean allows(String attempt) {
        return allowed.test(attempt);
    }

    /** The connections so far that this guard does not let through. */
    public List<String> forbiddenAttempts() {
        return attempts.stream().filter(allowed.negate()).toList();
    }

    /** What connected so far: the first line each connection sent (an HTTP request line or CONNECT). */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    /** Returns what connected so far and forgets it: for a test of this guard, which connects on purpose. */
    public List<String> takeAttempts() {
        List<String> taken = List.copyOf(attempts);
        attempts.removeAll(taken);
        return taken;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("no-network").start(this::record);
        SocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        previousSelector = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, address));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
                attempts.add("connect failed: " + uri + " (" + failure + ")");
            }
        });
        properties.set(Map.of(
                "aws.endpointUrl", endpoint().toString(),
                "aws.containerCredentialsFullUri", endpoint() + "/credentials"));
    }

    private void record() {
        while (true) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException closed) {
                return;
            }
            try (connection) {
                attempts.add(firstLine(connection));
            } catch (IOException broken) {
                attempts.add("a connection that broke: " + broken);
            }
        }
    }

    /** The first line the client sent, read with a bound so a silent client cannot hold the socket. */
    private static String firstLine(Socket connection) throws IOException {
        connection.setSoTimeout(5_000);
        try {
            String line = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return line == null ? "a connection that sent nothing" : line;
        } catch (SocketTimeoutException silent) {
            return "a connection that sent nothing within 5 s";
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ProxySelector.setDefault(previousSelector);
        properties.restore();
        socket.close();
        acceptor.join();
        if (context.getExecutionException().isEmpty()) {
            assertThat(forbiddenAttempts()).as("connections the test opened").isEmpty();
        }
    }
}
