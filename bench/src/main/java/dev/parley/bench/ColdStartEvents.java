package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first event of each measured function, shaped as API Gateway sends it (the same fields
 * local-env's gateway fills): alice's real access token for the authorizer, her authorizer context
 * for the routes, a message to her direct conversation (a new clientMessageId each run, so each
 * send stores a message) and a first sync.
 */
final class ColdStartEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEVICE_ID = "cold-start-1";

    private final Path directory;
    private final BenchUser user;
    private final String conversationId;

    ColdStartEvents(Path directory, BenchUser user, String conversationId) {
        this.directory = directory;
        this.user = user;
        this.conversationId = conversationId;
    }

    Path write(String handlerClass, int run) throws IOException {
        ObjectNode event = switch (handlerClass) {
            case "AuthorizerHandler" -> authorizer(run);
            case "ConnectHandler" -> route("$connect", "CONNECT", run, null);
            case "SendMessageHandler" -> route("sendMessage", "MESSAGE", run, JSON.createObjectNode()
                    .put("action", "sendMessage").put("requestId", "cold-" + run).put("conversationId", conversationId)
                    .put("clientMessageId", "cold-start-" + run + "-" + System.nanoTime()).put("text", "cold start " + run).toString());
            case "SyncHandler" -> route("sync", "MESSAGE", run, JSON.createObjectNode()
                    .put("action", "sync").put("requestId", "cold-" + run).toString());
            default -> throw new IllegalArgumentException("no cold-start event for " + handlerClass);
        };
        Path file = directory.resolve(handlerClass + "-" + run + ".json");
        Files.writeString(file, event.toString());
        return file;
    }

    private ObjectNode authorizer(int run) {
        ObjectNode event = JSON.createObjectNode().put("type", "REQUEST")
                .put("methodArn", "arn:aws:execute-api:us-east-1:123456789012:parleylocal/prod/$connect");
        event.putObject("queryStringParameters").put("token", user.accessToken()).put("deviceId", DEVICE_ID);
        context(event, "$connect", "CONNECT", run, false);
        return event;
    }

    private ObjectNode route(String routeKey, String eventType, int run, String body) {
        ObjectNode event = JSON.createObjectNode();
        context(event, routeKey, eventType, run, true);
        if (body != null) {
            event.put("body", body);
        } else {
            event.putObject("queryStringParameters").put("deviceId", DEVICE_ID).put("platform", "web");
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private void context(ObjectNode event, String routeKey, String eventType, int run, boolean authorized) {
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey).put("eventType", eventType).put("stage", "prod").put("apiId", "parleylocal")
                .put("domainName", "localhost").put("requestId", "cold-start-" + run)
                .put("connectionId", "coldStart" + run + "AAAAA=").put("connectedAt", System.currentTimeMillis())
                .put("requestTimeEpoch", System.currentTimeMillis());
        if (authorized) {
            context.putObject("authorizer").put("principalId", user.userId()).put("userId", user.userId())
                    .put("deviceId", DEVICE_ID).put("username", user.username());
        }
    }
}
