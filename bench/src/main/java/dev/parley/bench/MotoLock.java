package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * moto's DynamoDB lock (moto_serial.py), read from its {@code /_parley/stats}: time spent holding it and
 * time requests spent waiting for it, with the requests moto served (every service's) and the CPU time
 * its process used, since moto started. The other services' lock (SQS, SNS, S3, Cognito) is seldom
 * waited for, and not what the send path queues behind.
 */
final class MotoLock {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MotoLock() {
    }

    /** {@code busyMillis}, {@code waitedMillis} (DynamoDB's lock), {@code cpuMillis}, {@code dynamoDbRequests} and
     * {@code requests} (every service's) now; {@code workload} names the caller in an error. */
    static Map<String, Double> stats(URI motoStats, String workload) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(motoStats).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode stats = JSON.readTree(body);
            return Map.of("busyMillis", stats.path("busyMillis").asDouble(), "waitedMillis", stats.path("waitedMillis").asDouble(),
                    "cpuMillis", stats.path("cpuMillis").asDouble(),
                    "dynamoDbRequests", stats.path("requests").asDouble(),
                    "requests", stats.path("requests").asDouble() + stats.path("other").path("requests").asDouble());
        } catch (IOException e) {
            throw new IllegalStateException(workload + ": moto's /_parley/stats did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
