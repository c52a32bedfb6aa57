package dev.parley.localenv.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.localenv.gateway.LambdaFunctionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The AWS endpoint clients are given locally: it forwards every request to moto unchanged and,
 * like Cognito, runs the user pool's triggers before answering the calls that fire them on AWS.
 * <ul>
 *   <li>ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword: {@code PostConfirmation}.</li>
 *   <li>InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge that return
 *       tokens, except refreshes: {@code PostAuthentication}.</li>
 * </ul>
 * A trigger that fails turns the answer into Cognito's {@code UnexpectedLambdaException} (400). Only
 * the template's own pool fires triggers. The functions themselves talk to moto directly.
 */
public final class CognitoTriggerProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CognitoTriggerProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final Set<String> CONFIRMATIONS = Set.of("ConfirmSignUp", "AdminConfirmSignUp", "ConfirmForgotPassword");
    private static final Set<String> SIGN_INS = Set.of("InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge",
            "AdminRespondToAuthChallenge");
    private static final Set<String> REFRESH_FLOWS = Set.of("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN");
    /** Headers HttpClient sets itself, or that describe this hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final URI moto;
    private final UserPoolTriggers triggers;

    private CognitoTriggerProxy(HttpServer server, ExecutorService executor, URI moto, UserPoolTriggers triggers) {
        this.server = server;
        this.executor = executor;
        this.moto = moto;
        this.triggers = triggers;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }

    /** Listens on loopback {@code port} (0: any free one). */
    public static CognitoTriggerProxy start(int port, URI moto, UserPoolTriggers triggers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            CognitoTriggerProxy proxy = new CognitoTriggerProxy(server, executor, moto, triggers);
            server.createContext("/", proxy::handle);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on port " + port + " for the AWS endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            int status = answer.statusCode();
            byte[] responseBody = answer.body();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (status == 200 && target != null && target.startsWith(TARGET_PREFIX)) {
                try {
                    runTriggers(target.substring(TARGET_PREFIX.length()), body, responseBody);
                } catch (LambdaFunctionException e) {
                    LOG.warn("user pool trigger failed function={} error={}", e.functionName(), e.errorMessage());
                    status = 400;
                    responseBody = UserPoolTriggers.failure(e).toString().getBytes(StandardCharsets.UTF_8);
                }
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            exchange.sendResponseHeaders(status, responseBody.length == 0 ? -1 : responseBody.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(responseBody);
            }
        }
    }

    private void runTriggers(String operation, byte[] requestBody, byte[] responseBody) throws LambdaFunctionException {
        if (!CONFIRMATIONS.contains(operation) && !SIGN_INS.contains(operation)) {
            return;
        }
        JsonNode request = json(requestBody);
        String poolId = request.path("UserPoolId").asText(triggers.userPoolId());
        if (!poolId.equals(triggers.userPoolId())) {
            return;
        }
        String clientId = request.path("ClientId").asText(null);
        if (CONFIRMATIONS.contains(operation)) {
            String source = operation.equals("ConfirmForgotPassword") ? "ConfirmForgotPassword" : "ConfirmSignUp";
            triggers.confirmed(request.path("Username").asText(), clientId, source);
            return;
        }
        String accessToken = json(responseBody).path("AuthenticationResult").path("AccessToken").asText(null);
        if (accessToken != null && !REFRESH_FLOWS.contains(request.path("AuthFlow").asText())) {
            triggers.authenticated(accessToken, clientId);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        triggers.close();
    }
}
