package dev.parley.localenv.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Raw {@code @connections} posts for the quota tests. */
final class QuotaPosts {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private QuotaPosts() {
    }

    static HttpResponse<String> post(WebSocketGateway gateway, String connectionId, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.connectionsEndpoint() + "/@connections/" + connectionId))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code body} until the quota lets it through (each refused try is one more 429), within {@link TestApis#WAIT}. */
    static void postUntilAccepted(WebSocketGateway gateway, String connectionId, String body) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (post(gateway, connectionId, body).statusCode() == 429) {
            assertThat(System.nanoTime()).as("the bucket refills within %s", WAIT).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
