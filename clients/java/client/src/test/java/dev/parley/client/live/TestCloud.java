package dev.parley.client.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.CognitoAuth;
import dev.parley.client.auth.Session;
import dev.parley.client.auth.Tokens;
import dev.parley.client.connection.Backoff;
import dev.parley.client.store.ParleyStore;
import dev.parley.model.ProtocolCodec;
import okhttp3.OkHttpClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The local cloud the live tests talk to, from the endpoints file local-env writes (system
 * property {@code parley.endpoints}, set by ./parley test; else PARLEY_ENDPOINTS; else a running
 * ./parley local's local-env/target/endpoints.json). Users sign in through the SDK's own
 * CognitoAuth against moto's Cognito.
 */
public final class TestCloud {
    /**
     * One OkHttpClient for every test client, as an app shares one. OkHttp runs WebSocket
     * handshakes through its dispatcher, 5 per host by default: many clients of one JVM need more.
     */
    public static final OkHttpClient HTTP = sharedHttp();

    private static OkHttpClient sharedHttp() {
        OkHttpClient http = new OkHttpClient();
        http.dispatcher().setMaxRequests(4096);
        http.dispatcher().setMaxRequestsPerHost(4096);
        return http;
    }
    private static TestCloud instance;

    public final Path endpointsFile;
    public final String webSocketUrl;
    public final String awsEndpoint;
    public final String clientId;
    public final String userPoolId;
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, String> totpSecrets = new HashMap<>();
    public final CognitoAuth cognito;

    private TestCloud(Path file) {
        this.endpointsFile = file;
        try {
            JsonNode json = ProtocolCodec.instance().mapper().readTree(file.toFile());
            webSocketUrl = json.path("webSocketUrl").asText();
            awsEndpoint = json.path("awsEndpoint").asText();
            clientId = json.path("userPoolClientId").asText();
            userPoolId = json.path("userPoolId").asText();
            json.path("demoUsers").forEach(user -> {
                passwords.put(user.path("username").asText(), user.path("password").asText());
                if (user.hasNonNull("totpSecret")) {
                    totpSecrets.put(user.path("username").asText(), user.path("totpSecret").asText());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        cognito = new CognitoAuth(HTTP, awsEndpoint, clientId);
    }

    public static synchronized TestCloud get() {
        if (instance == null) {
            String configured = System.getProperty("parley.endpoints");
            if (configured == null || configured.isBlank()) {
                configured = System.getenv("PARLEY_ENDPOINTS");
            }
            Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                    : Path.of("..", "..", "..", "local-env", "target", "endpoints.json").toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("The live tests need a local cloud: " + file + " does not exist. "
                        + "Run ./parley test, or start ./parley local and pass -Dparley.endpoints=<its endpoints file>.");
            }
            instance = new TestCloud(file);
        }
        return instance;
    }

    /** Signs the user in with password (and TOTP when the demo user is enrolled). */
    public Tokens signIn(String username) {
        try {
            String secret = totpSecrets.get(username);
            return cognito.signIn(username, passwords.get(username), secret == null ? null : () -> Totp.now(secret));
        } catch (Exception e) {
            throw new IllegalStateException("sign-in of " + username + " failed", e);
        }
    }

    public Session session(String username) {
        return new Session(signIn(username), cognito);
    }

    /** A fresh device id, so that every test's devices are new to the server. */
    public static String newDeviceId(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fast backoff, so reconnects in tests take milliseconds. */
    public static Backoff testBackoff() {
        return new Backoff(50, 500, new Random());
    }

    public ParleyClient client(Session session, String deviceId, ParleyStore store, Consumer<ParleyClient.Options> tweak) {
        return client(webSocketUrl, session, deviceId, store, tweak);
    }

    public ParleyClient client(String url, Session session, String deviceId, ParleyStore store,
                               Consumer<ParleyClient.Options> tweak) {
        ParleyClient.Options options = ParleyClient.options(url, deviceId, session, store).http(HTTP)
                .backoff(testBackoff()).requestTimeoutMillis(15_000);
        tweak.accept(options);
        return options.build();
    }

    /** The WebSocket URL with its port replaced, for a client that goes through a {@link TcpProxy}. */
    public String webSocketUrlVia(int port) {
        URI url = URI.create(webSocketUrl);
        return url.getScheme() + "://" + url.getHost() + ":" + port + url.getRawPath();
    }

    public int gatewayPort() {
        return URI.create(webSocketUrl).getPort();
    }

    public static File javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toFile();
    }
}
