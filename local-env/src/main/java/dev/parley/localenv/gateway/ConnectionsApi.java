package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code @connections} management API on {@code /{stage}/@connections/{id}} (also
 * {@code %40connections}; the id is URL-decoded, so {@code %3D} works), which the unchanged AWS SDK
 * {@code ApiGatewayManagementApiClient} calls:
 * <ul>
 *   <li>POST: the raw body (at most 131072 bytes, else 413) goes to the client as one text frame; 200, empty.</li>
 *   <li>GET: 200 {@code {"connectedAt", "identity": {"sourceIp", "userAgent"}, "lastActiveAt"}} (ISO-8601).</li>
 *   <li>DELETE: 204; the socket closes with 1000 and {@code $disconnect} fires.</li>
 *   <li>Unknown, closed and still-connecting ids: 410. A client that does not read for 10 s: 429.</li>
 *   <li>A call over the account's request quota ({@link GatewaySettings.Quota}, off by default): 429
 *       {@code LimitExceededException}, before anything else is looked at; each call takes one request.</li>
 * </ul>
 * Every answer carries {@code x-amzn-RequestId}; errors carry {@code x-amzn-ErrorType} (the SDK picks the
 * exception class from it) and a {@code {"message"}} body. Requests are not authenticated: SigV4
 * signatures are accepted unchecked.
 */
final class ConnectionsApi extends Handler.Abstract {
    /** Largest POST body API Gateway accepts. */
    static final int MAX_POST_BYTES = 128 * 1024;
    static final String DELETED_REASON = "Connection Closed Normally";
    /** How long a POST waits for a client that does not read before answering 429, as API Gateway does. */
    private static final int SEND_TIMEOUT_SECONDS = 10;
    /** The message of a call over the account's quota (unconfirmed: API Gateway's throttling message elsewhere). */
    static final String THROTTLED = "Too Many Requests";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsApi.class);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String stage;
    private final ConnectionRegistry registry;
    private final MessageMeter meter;
    private final ObjectMapper mapper;
    private final RequestQuota quota;

    ConnectionsApi(String stage, ConnectionRegistry registry, MessageMeter meter, ObjectMapper mapper, RequestQuota quota) {
        super(InvocationType.BLOCKING);
        this.stage = stage;
        this.registry = registry;
        this.meter = meter;
        this.mapper = mapper;
        this.quota = quota;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> connectionId = connectionId(request.getHttpURI().getPath());
        if (connectionId.isEmpty()) {
            return false;
        }
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (!quota.tryAcquire()) {
            error(response, callback, 429, "LimitExceededException", THROTTLED);
            return true;
        }
        Optional<Connection> connection = registry.open(connectionId.get());
        String method = request.getMethod();
        if (HttpMethod.POST.is(method)) {
            post(request, response, callback, connection);
        } else if (HttpMethod.GET.is(method)) {
            connection.ifPresentOrElse(c -> get(c, response, callback), () -> gone(response, callback));
        } else if (HttpMethod.DELETE.is(method)) {
            connection.ifPresentOrElse(c -> {
                c.close(StatusCode.NORMAL, DELETED_REASON);
                response.setStatus(204);
                callback.succeeded();
            }, () -> gone(response, callback));
        } else {
            error(response, callback, 403, "ForbiddenException", "Method not allowed on @connections");
        }
        return true;
    }

    /** The id of {@code /{stage}/@connections/{id}} (raw path, before decoding); empty for other paths. */
    private Optional<String> connectionId(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        if (segments.length != 4 || !segments[0].isEmpty() || !URIUtil.decodePath(segments[1]).equals(stage)
                || !(segments[2].equals("@connections") || segments[2].equalsIgnoreCase("%40connections"))
                || segments[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(URIUtil.decodePath(segments[3]));
    }

    private void post(Request request, Response response, Callback callback, Optional<Connection> connection)
            throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_POST_BYTES + 1);
        }
        if (body.length > MAX_POST_BYTES) {
            error(response, callback, 413, "PayloadTooLargeException", "Request entity too large");
            return;
        }
        if (connection.isEmpty()) {
            gone(response, callback);
            return;
        }
        try {
            connection.get().send(new String(body, StandardCharsets.UTF_8)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.info("@connections POST to a closing connection connectionId={}", connection.get().id());
            gone(response, callback);
            return;
        } catch (TimeoutException e) {
            LOG.warn("@connections POST: the client is not reading connectionId={}", connection.get().id());
            error(response, callback, 429, "LimitExceededException", "The client's buffer is full");
            return;
        }
        meter.countOutbound(body.length);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        callback.succeeded();
    }

    private void get(Connection connection, Response response, Callback callback) {
        ObjectNode body = mapper.createObjectNode();
        body.put("connectedAt", iso(connection.connectedAt()));
        ObjectNode identity = body.putObject("identity");
        identity.put("sourceIp", connection.sourceIp());
        identity.put("userAgent", connection.userAgent());
        body.put("lastActiveAt", iso(connection.lastActiveAt()));
        json(response, callback, 200, body);
    }

    private void gone(Response response, Callback callback) {
        error(response, callback, 410, "GoneException", "Connection is gone");
    }

    private void error(Response response, Callback callback, int status, String errorType, String message) {
        response.getHeaders().put("x-amzn-ErrorType", errorType);
        json(response, callback, status, mapper.createObjectNode().put("message", message));
    }

    private static void json(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
