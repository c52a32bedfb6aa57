package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test function for every route. It records the raw event JSON (exactly what Lambda would hand a
 * stream handler) and behaves as the test asks:
 * <ul>
 *   <li>CONNECT, from the query string: {@code status=N} answers that statusCode ({@code none}: no
 *       statusCode at all), {@code protocol=P} answers a {@code Sec-WebSocket-Protocol} header,
 *       {@code probe=1} first POSTs to its own connection through the AWS SDK and records the outcome,
 *       {@code latch=L} waits until the test calls {@link #release} with {@code L}.</li>
 *   <li>MESSAGE, from the JSON body's {@code do}: {@code echo} (default) answers the body,
 *       {@code sleep} sleeps {@code ms} then echoes, {@code block} waits until the test calls
 *       {@link #release} with the body's {@code latch} then echoes and records {@code {"released":latch}},
 *       {@code meet} waits until another invocation with the same {@code tag} is running too, then
 *       echoes (so it answers only if the two run concurrently), {@code throw} throws, {@code notJson} writes bytes that
 *       are not JSON, {@code bodyObject} answers a non-string body, {@code noBody} answers no body.</li>
 *   <li>DISCONNECT, with {@code DISCONNECT_LATCH=L} in the function's environment: waits until the test
 *       calls {@link #release} with {@code L}.</li>
 * </ul>
 */
public final class ScriptedFunction implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BLOCK_LIMIT = Duration.ofMinutes(1);
    private static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    private static final Map<String, CyclicBarrier> MEETINGS = new ConcurrentHashMap<>();

    private final EventRecorder recorder;
    private final Map<String, String> environment;

    public ScriptedFunction(Map<String, String> environment) {
        this.environment = environment;
        this.recorder = EventRecorder.named(environment.get("RECORDER"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        recorder.record(event);
        String response = switch (event.at("/requestContext/eventType").asText()) {
            case "CONNECT" -> connect(event);
            case "MESSAGE" -> message(event);
            case "DISCONNECT" -> disconnect();
            default -> "{\"statusCode\":200}";
        };
        output.write(response.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String connect(JsonNode event) {
        JsonNode query = event.path("queryStringParameters");
        if (query.path("probe").asText().equals("1")) {
            recorder.record(probeOwnConnection(event.at("/requestContext/connectionId").asText()));
        }
        if (query.has("latch")) {
            await(latch(query.path("latch").asText()));
        }
        ObjectNode response = JSON.createObjectNode();
        String status = query.path("status").asText("200");
        if (!status.equals("none")) {
            response.put("statusCode", Integer.parseInt(status));
        }
        if (query.has("protocol")) {
            response.putObject("headers").put("Sec-WebSocket-Protocol", query.path("protocol").asText())
                    .put("X-Not-Forwarded", "1");
        }
        return response.toString();
    }

    /** With {@code DISCONNECT_LATCH} in its environment, waits until the test releases that latch. */
    private String disconnect() {
        String latch = environment.get("DISCONNECT_LATCH");
        if (latch != null) {
            await(latch(latch));
        }
        return "{\"statusCode\":200}";
    }

    private String message(JsonNode event) {
        String body = event.path("body").asText();
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = JSON.createObjectNode();
        }
        ObjectNode response = JSON.createObjectNode().put("statusCode", 200);
        switch (request.path("do").asText("echo")) {
            case "sleep" -> sleep(request.path("ms").asLong());
            case "block" -> {
                String latch = request.path("latch").asText();
                await(latch(latch));
                recorder.record(JSON.createObjectNode().put("released", latch));
            }
            case "meet" -> meet(MEETINGS.computeIfAbsent(request.path("tag").asText(), tag -> new CyclicBarrier(2)));
            case "throw" -> throw new IllegalStateException("scripted failure");
            case "notJson" -> {
                return "this is not JSON";
            }
            case "bodyObject" -> {
                response.putObject("body").put("not", "a string");
                return response.toString();
            }
            case "noBody" -> {
                return response.toString();
            }
            default -> {
            }
        }
        return response.put("body", body).toString();
    }

    private ObjectNode probeOwnConnection(String connectionId) {
        ObjectNode outcome = JSON.createObjectNode().put("probe", connectionId);
        try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(environment.get("APIGW_MANAGEMENT_ENDPOINT")))
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String("early")));
            outcome.put("outcome", "delivered");
        } catch (RuntimeException e) {
            outcome.put("outcome", e.getClass().getSimpleName());
        }
        return outcome;
    }

    /** Lets the {@code block} invocations waiting on the latch finish. */
    public static void release(String latch) {
        latch(latch).countDown();
    }

    private static CountDownLatch latch(String name) {
        return LATCHES.computeIfAbsent(name, ignored -> new CountDownLatch(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BLOCK_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void meet(CyclicBarrier meeting) {
        try {
            meeting.await(BLOCK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other invocation never ran", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
