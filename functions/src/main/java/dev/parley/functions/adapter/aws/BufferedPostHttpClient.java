package dev.parley.functions.adapter.aws;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.util.Optional;

/**
 * Sends a small POST from a buffer instead of in fixed-length streaming mode, which saves a wait of
 * about a millisecond before every DynamoDB, SQS, SNS, Cognito and {@code @connections} call on a
 * kept-alive connection.
 *
 * <p>The SDK's URL-connection client puts every request that has a {@code Content-Length} header in
 * fixed-length streaming mode. For a streaming request on a cached connection, the JDK's
 * {@code HttpURLConnection} first checks that the server has not closed it: a read with a 1 ms
 * timeout on the idle socket, which nearly always waits out its millisecond and throws a
 * {@code SocketTimeoutException}. Without the header the JDK buffers the body, writes the same
 * {@code Content-Length} itself (the signature stays valid: same name, same value) and skips the
 * check. A connection the server did close is still caught: the JDK sends again on a fresh
 * connection when a cached one answers nothing at all, as the SDK's own retry of that
 * {@code IOException} would, so every call that tolerates the SDK's retries tolerates this.
 *
 * <p>Only POSTs up to {@value #MAX_BUFFERED_BYTES} bytes are buffered (every request those services
 * take, a DynamoDB item at 400 KB included); S3's PUTs and any larger body stream as before.
 */
final class BufferedPostHttpClient implements SdkHttpClient {
    /** A DynamoDB TransactWriteItems of 100 items of 400 KB would be 40 MB; the bodies Parley sends stay far under this. */
    static final long MAX_BUFFERED_BYTES = 1024 * 1024;
    private static final String CONTENT_LENGTH = "Content-Length";

    private final SdkHttpClient delegate;

    BufferedPostHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return delegate.prepareRequest(buffered(request));
    }

    /** The request the URL-connection client gets: without its Content-Length when it is a small POST. */
    static HttpExecuteRequest buffered(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (http.method() != SdkHttpMethod.POST || request.contentStreamProvider().isEmpty()) {
            return request;
        }
        Optional<Long> length = http.firstMatchingHeader(CONTENT_LENGTH).map(Long::parseLong);
        if (length.isEmpty() || length.get() > MAX_BUFFERED_BYTES) {
            return request;
        }
        return HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader(CONTENT_LENGTH).build())
                .contentStreamProvider(request.contentStreamProvider().get())
                .metricCollector(request.metricCollector().orElse(null))
                .build();
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
