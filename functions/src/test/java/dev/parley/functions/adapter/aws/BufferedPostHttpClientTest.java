package dev.parley.functions.adapter.aws;

import com.sun.net.httpserver.HttpServer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's URL-connection client behind {@link BufferedPostHttpClient}, against real local servers: what reaches
 * the server, whether the JDK still probes a kept-alive connection (observed with JDK Flight Recorder's socket
 * reads), and a POST on a connection the server has closed.
 */
class BufferedPostHttpClientTest {
    private final ExecutorService server = Executors.newVirtualThreadPerTaskExecutor();
    private final List<SdkHttpClient> clients = new ArrayList<>();
    private HttpServer http;

    @AfterEach
    void stop() {
        clients.forEach(SdkHttpClient::close);
        if (http != null) {
            http.stop(0);
        }
        server.shutdownNow();
    }

    @Test
    void a_small_post_goes_out_whole_without_its_length_header_and_everything_else_stays() {
        byte[] body = "{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        HttpExecuteRequest request = post(URI.create("http://localhost:1/"), body);

        HttpExecuteRequest sent = BufferedPostHttpClient.buffered(request);

        assertThat(sent.httpRequest().firstMatchingHeader("content-length")).isEmpty();
        assertThat(sent.httpRequest().headers()).containsAllEntriesOf(withoutLength(request));
        assertThat(sent.httpRequest().getUri()).isEqualTo(request.httpRequest().getUri());
        assertThat(sent.contentStreamProvider()).containsSame(request.contentStreamProvider().orElseThrow());
    }

    @Test
    void a_put_a_large_post_and_a_post_without_a_body_are_left_as_they_are() {
        URI uri = URI.create("http://localhost:1/");
        HttpExecuteRequest put = HttpExecuteRequest.builder()
                .request(post(uri, new byte[10]).httpRequest().toBuilder().method(SdkHttpMethod.PUT).build())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(new byte[10])).build();
        HttpExecuteRequest large = post(uri, new byte[(int) BufferedPostHttpClient.MAX_BUFFERED_BYTES + 1]);
        HttpExecuteRequest atTheLimit = post(uri, new byte[(int) BufferedPostHttpClient.MAX_BUFFERED_BYTES]);
        HttpExecuteRequest bodiless = HttpExecuteRequest.builder().request(post(uri, new byte[0]).httpRequest()).build();

        assertThat(BufferedPostHttpClient.buffered(put)).isSameAs(put);
        assertThat(BufferedPostHttpClient.buffered(large)).isSameAs(large);
        assertThat(BufferedPostHttpClient.buffered(bodiless)).isSameAs(bodiless);
        assertThat(BufferedPostHttpClient.buffered(atTheLimit).httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
    }

    @Test
    void posts_on_a_kept_alive_connection_arrive_whole_with_their_length_and_the_jdk_no_longer_probes_it(
            @TempDir Path dir) throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Length") + " " + new String(in, StandardCharsets.UTF_8));
            ports.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        http.setExecutor(server);
        http.start();
        URI uri = URI.create("http://localhost:" + http.getAddress().getPort() + "/");

        long probesBefore = probes(dir.resolve("streaming.jfr"), client(false), uri, 20);
        received.clear();
        ports.clear();
        long probesAfter = probes(dir.resolve("buffered.jfr"), client(true), uri, 20);

        assertThat(probesBefore).as("the SDK's client alone: a 1 ms probe read before each reused POST").isGreaterThanOrEqualTo(15);
        assertThat(probesAfter).as("buffered: no probe").isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String json = json(i);
            expected.add(json.getBytes(StandardCharsets.UTF_8).length + " " + json);
        }
        assertThat(received).containsExactlyElementsOf(expected);
        assertThat(ports).as("one kept-alive connection").containsOnly(ports.getFirst());
    }

    @Test
    void a_post_on_a_kept_alive_connection_the_server_has_closed_is_sent_once_more_on_a_new_one() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Answers one request per connection, keeping it alive as far as the client knows, then closes it.
            Future<?> accepting = server.submit(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        received.add(readRequest(connection.getInputStream()));
                        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                        connection.getOutputStream().flush();
                    } catch (IOException closed) {
                        return null;
                    }
                }
                return null;
            });
            URI uri = URI.create("http://localhost:" + socket.getLocalPort() + "/");
            SdkHttpClient client = client(true);

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(call(client, uri, i));
            }

            assertThat(statuses).containsExactly(200, 200, 200);
            assertThat(received).containsExactly(json(0), json(1), json(2));
            socket.close();
            accepting.get();
        }
    }

    /**
     * Runs {@code count} POSTs and returns how many times JDK Flight Recorder saw the JDK's liveness probe fail
     * on this thread: a {@code SocketTimeoutException} thrown inside {@code sun.net.www.http.HttpClient.available()},
     * its read with a 1 ms timeout on the idle socket (a read that times out records no socket-read event).
     */
    private long probes(Path file, SdkHttpClient client, URI uri, int count) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow").withStackTrace();
            recording.start();
            for (int i = 0; i < count; i++) {
                assertThat(call(client, uri, i)).isEqualTo(200);
            }
            recording.stop();
            recording.dump(file);
        }
        long thread = Thread.currentThread().threadId();
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("jdk.JavaExceptionThrow"))
                .filter(event -> event.getThread() != null && event.getThread().getJavaThreadId() == thread)
                .filter(event -> event.getClass("thrownClass").getName().equals("java.net.SocketTimeoutException"))
                .filter(event -> event.getStackTrace().getFrames().stream().anyMatch(frame ->
                        frame.getMethod().getType().getName().equals("sun.net.www.http.HttpClient")
                                && frame.getMethod().getName().equals("available")))
                .count();
    }

    private SdkHttpClient client(boolean buffered) {
        SdkHttpClient urlConnection = UrlConnectionHttpClient.builder().build();
        SdkHttpClient client = buffered ? new BufferedPostHttpClient(urlConnection) : urlConnection;
        clients.add(client);
        return client;
    }

    private static int call(SdkHttpClient client, URI uri, int i) throws IOException {
        HttpExecuteResponse response = client.prepareRequest(post(uri, json(i).getBytes(StandardCharsets.UTF_8))).call();
        try (InputStream body = response.responseBody().orElseThrow()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
        return response.httpResponse().statusCode();
    }

    private static String json(int i) {
        return "{\"TableName\":\"conversations\",\"Key\":{\"pk\":{\"S\":\"c#" + i + "\"}},\"pad\":\"" + "x".repeat(i * 37) + "\"}";
    }

    private static HttpExecuteRequest post(URI uri, byte[] body) {
        return HttpExecuteRequest.builder()
                .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .build())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
                .build();
    }

    private static Map<String, List<String>> withoutLength(HttpExecuteRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.httpRequest().headers());
        headers.remove("Content-Length");
        return headers;
    }

    /** The body of one HTTP/1.1 request with a Content-Length, read from the socket. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the headers");
            }
            head.write(b);
        }
        int length = head.toString(StandardCharsets.US_ASCII).lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElseThrow();
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
