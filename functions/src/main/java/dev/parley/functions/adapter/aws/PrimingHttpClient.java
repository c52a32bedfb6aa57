package dev.parley.functions.adapter.aws;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP client of every SDK client: the URL-connection client, except while {@link #offline} runs,
 * when every request is answered here with an empty success ({@code 200}, {@code {}}) and nothing
 * leaves the process. SnapStart priming runs the real handlers with synthetic events through it, so
 * the snapshot holds the request pipeline (marshalling, signing, interceptors, unmarshalling)
 * compiled, without a call to a Parley resource. An answer the code cannot use ends that priming
 * invocation early; the handler catches it like any other failure.
 */
final class PrimingHttpClient implements SdkHttpClient {
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient delegate;
    private final AtomicBoolean offline = new AtomicBoolean();
    private final LongAdder answeredOffline = new LongAdder();

    PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} with every request of this client answered offline. */
    void offline(Runnable work) {
        offline.set(true);
        try {
            work.run();
        } finally {
            offline.set(false);
        }
    }

    boolean isOffline() {
        return offline.get();
    }

    long answeredOffline() {
        return answeredOffline.sum();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!offline.get()) {
            return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                answeredOffline.increment();
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("x-amzn-RequestId", "priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer(request))))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight.
            }
        };
    }

    /**
     * {@code {}}, except for SQS sends: the SDK checks the MD5 of each body it sent against the answer's,
     * so those get the digest they expect.
     */
    private static byte[] answer(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        if (!target.equals("AmazonSQS.SendMessage") && !target.equals("AmazonSQS.SendMessageBatch")) {
            return EMPTY_JSON;
        }
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            JsonNode sent = JSON.readTree(in);
            ObjectNode answer = JSON.createObjectNode();
            if (target.equals("AmazonSQS.SendMessage")) {
                answer.put("MessageId", "priming").put("MD5OfMessageBody", md5(sent.path("MessageBody").asText()));
            } else {
                ArrayNode successful = answer.putArray("Successful");
                sent.path("Entries").forEach(entry -> successful.addObject().put("Id", entry.path("Id").asText())
                        .put("MessageId", "priming").put("MD5OfMessageBody", md5(entry.path("MessageBody").asText())));
            }
            return JSON.writeValueAsBytes(answer);
        } catch (IOException | RuntimeException e) {
            return EMPTY_JSON;
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
