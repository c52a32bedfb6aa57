package dev.parley.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what was published to SNS platform endpoints in moto. Moto keeps each endpoint's
 * messages ({@code PlatformEndpoint.messages}, message id to the Message parameter as published) and
 * its {@code /moto-api/data.json} dumps every model instance's JSON-serialisable attributes, so
 * {@code sns.PlatformEndpoint[]} has {@code arn}, {@code token}, {@code custom_user_data},
 * {@code attributes} and {@code messages} in publish order. Deleted endpoints stay in that dump.
 * A moto internal: tests only.
 */
public final class MotoPushes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MotoPushes() {
    }

    /** The Message parameters published to the endpoint, oldest first, parsed (MessageStructure=json messages are objects). */
    public static List<JsonNode> messages(URI moto, String endpointArn) {
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode endpoint : endpoints(moto)) {
            if (endpointArn.equals(endpoint.path("arn").asText())) {
                endpoint.path("messages").forEach(message -> messages.add(parse(message.asText())));
            }
        }
        return messages;
    }

    /** The platform's payload of each message published to the endpoint, such as the value of {@code "APNS"}, parsed. */
    public static List<JsonNode> payloads(URI moto, String endpointArn, String platformKey) {
        return messages(moto, endpointArn).stream().map(message -> parse(message.path(platformKey).asText())).toList();
    }

    private static JsonNode endpoints(URI moto) {
        HttpRequest request = HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).GET().build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readTree(body).path("sns").path("PlatformEndpoint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
