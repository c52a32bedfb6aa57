package dev.parley.functions.adapter.aws;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
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
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_JSON)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight.
            }
        };
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
