package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the Lambda proxy events API Gateway sends for a WebSocket API, field for field:
 * <ul>
 *   <li>CONNECT: the client's headers (its casing) in {@code headers} and {@code multiValueHeaders}, less
 *       the hop-by-hop {@code Connection} and {@code Upgrade}, plus the {@code X-Amzn-Trace-Id} and
 *       {@code X-Forwarded-*} headers API Gateway adds; the query string in
 *       single- and multi-value form (absent when empty); no body.</li>
 *   <li>MESSAGE: {@code body} (the raw text), {@code requestContext.messageId}; no headers, no query.</li>
 *   <li>DISCONNECT: API Gateway's minimal synthetic headers, {@code disconnectStatusCode} and
 *       {@code disconnectReason}.</li>
 *   <li>All: routeKey, eventType, connectionId, connectedAt, requestTimeEpoch, requestTime
 *       ({@code dd/MMM/yyyy:HH:mm:ss +0000}), requestId = extendedRequestId, messageDirection IN,
 *       domainName, stage, apiId, identity.sourceIp/userAgent, the authorizer (when there is one),
 *       and {@code isBase64Encoded: false}.</li>
 * </ul>
 * The REQUEST authorizer's event is the CONNECT event without the authorizer, plus {@code type} and
 * {@code methodArn}.
 */
final class WebSocketEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Consumed by API Gateway's edge; $connect never sees them. */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Upgrade");

    private final ObjectMapper mapper;
    private final String stage;
    private final String apiId;
    private final Clock clock;

    WebSocketEvents(ObjectMapper mapper, String stage, String apiId, Clock clock) {
        this.mapper = mapper;
        this.stage = stage;
        this.apiId = apiId;
        this.clock = clock;
    }

    ObjectNode connect(Connection connection, ClientHandshake handshake, String requestId) {
        ObjectNode event = mapper.createObjectNode();
        putHandshake(event, connection, handshake);
        event.set("requestContext", requestContext(connection, ApiDefinition.CONNECT, "CONNECT", requestId, true));
        event.put("isBase64Encoded", false);
        return event;
    }

    ObjectNode authorizerRequest(Connection connection, ClientHandshake handshake, String requestId, String methodArn) {
        ObjectNode event = mapper.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", methodArn);
        putHandshake(event, connection, handshake);
        event.set("requestContext", requestContext(connection, ApiDefinition.CONNECT, "CONNECT", requestId, false));
        return event;
    }

    ObjectNode message(Connection connection, String routeKey, String body, String requestId, String messageId) {
        ObjectNode event = mapper.createObjectNode();
        ObjectNode context = requestContext(connection, routeKey, "MESSAGE", requestId, true);
        context.put("messageId", messageId);
        event.set("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    ObjectNode disconnect(Connection connection, String requestId, int statusCode, String reason) {
        ObjectNode event = mapper.createObjectNode();
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        for (Map.Entry<String, String> header : List.of(Map.entry("Host", connection.domainName()),
                Map.entry("x-api-key", ""), Map.entry("X-Forwarded-For", ""), Map.entry("x-restapi", ""))) {
            headers.put(header.getKey(), header.getValue());
            multiValueHeaders.putArray(header.getKey()).add(header.getValue());
        }
        ObjectNode context = requestContext(connection, ApiDefinition.DISCONNECT, "DISCONNECT", requestId, true);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason == null ? "" : reason);
        event.set("requestContext", context);
        event.put("isBase64Encoded", false);
        return event;
    }

    private void putHandshake(ObjectNode event, Connection connection, ClientHandshake handshake) {
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        Map<String, String> added = gatewayHeaders(connection, handshake);
        for (Map.Entry<String, String> header : handshake.headers()) {
            if (added.keySet().stream().noneMatch(header.getKey()::equalsIgnoreCase)
                    && HOP_BY_HOP.stream().noneMatch(header.getKey()::equalsIgnoreCase)) {
                putMulti(headers, multiValueHeaders, header.getKey(), header.getValue());
            }
        }
        for (Map.Entry<String, String> header : added.entrySet()) {
            putMulti(headers, multiValueHeaders, header.getKey(), header.getValue());
        }
        if (!handshake.queryParameters().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            ObjectNode multiValueQuery = event.putObject("multiValueQueryStringParameters");
            for (Map.Entry<String, String> parameter : handshake.queryParameters()) {
                putMulti(query, multiValueQuery, parameter.getKey(), parameter.getValue());
            }
        }
    }

    /** Headers API Gateway's edge sets on every upgrade request (replacing the client's; X-Forwarded-For is appended to). */
    private static Map<String, String> gatewayHeaders(Connection connection, ClientHandshake handshake) {
        String forwardedFor = handshake.header("X-Forwarded-For")
                .map(existing -> existing + ", " + connection.sourceIp()).orElse(connection.sourceIp());
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId = "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt());
        String port = connection.domainName().contains(":")
                ? connection.domainName().substring(connection.domainName().lastIndexOf(':') + 1) : "80";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amzn-Trace-Id", traceId);
        headers.put("X-Forwarded-For", forwardedFor);
        headers.put("X-Forwarded-Port", port);
        headers.put("X-Forwarded-Proto", "http");
        return headers;
    }

    private static void putMulti(ObjectNode single, ObjectNode multi, String name, String value) {
        single.put(name, value);
        ArrayNode values = multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name);
        values.add(value);
    }

    private ObjectNode requestContext(Connection connection, String routeKey, String eventType, String requestId,
                                      boolean withAuthorizer) {
        Instant now = clock.instant();
        ObjectNode context = mapper.createObjectNode();
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", stage);
        context.put("connectedAt", connection.connectedAt());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("userAgent", connection.userAgent());
        identity.put("sourceIp", connection.sourceIp());
        context.put("requestId", requestId);
        context.put("domainName", connection.domainName());
        context.put("connectionId", connection.id());
        context.put("apiId", apiId);
        if (withAuthorizer && connection.authorizer() != null) {
            context.set("authorizer", connection.authorizer().deepCopy());
        }
        return context;
    }
}
