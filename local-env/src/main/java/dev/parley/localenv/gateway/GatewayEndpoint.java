package dev.parley.localenv.gateway;

import dev.parley.model.Limits;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The server side of one client socket. It takes raw frames, not messages, so that it can apply API
 * Gateway's rules frame by frame:
 * <ul>
 *   <li>every data frame (not ping or pong) resets the idle clock;</li>
 *   <li>a binary frame closes with 1003 (API Gateway supports text only);</li>
 *   <li>a frame over 32 KB or a message over 128 KB, fragments counted together, closes with 1009
 *       (Jetty's parser enforces the frame limit itself, with the same code);</li>
 *   <li>text that is not UTF-8 closes with 1007;</li>
 *   <li>each complete message is counted and handed to the {@link MessageRouter}.</li>
 * </ul>
 * Jetty calls one endpoint's frame method from one thread at a time, so the message buffer needs no lock.
 * Public only because Jetty invokes listener methods through method handles; it is built by the gateway.
 */
public final class GatewayEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayEndpoint.class);

    private final Connection connection;
    private final ConnectionLifecycle lifecycle;
    private final MessageRouter router;
    private final MessageMeter meter;
    private final Clock clock;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private Session session;
    private boolean refusing;

    GatewayEndpoint(Connection connection, ConnectionLifecycle lifecycle, MessageRouter router, MessageMeter meter,
                    Clock clock) {
        this.connection = connection;
        this.lifecycle = lifecycle;
        this.router = router;
        this.meter = meter;
        this.clock = clock;
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        this.session = openedSession;
        lifecycle.opened(connection, openedSession);
    }

    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        try {
            if (isData(frame.getOpCode()) && !refusing) {
                onDataFrame(frame);
            }
        } finally {
            callback.succeed();
        }
    }

    /** Text, binary and continuation frames (Jetty's {@code Frame.Type.isData()} leaves continuations out). */
    private static boolean isData(byte opCode) {
        return opCode == Frame.Type.TEXT.getOpCode() || opCode == Frame.Type.BINARY.getOpCode()
                || opCode == Frame.Type.CONTINUATION.getOpCode();
    }

    private void onDataFrame(Frame frame) {
        connection.touch(clock.millis());
        if (frame.getEffectiveOpCode() == Frame.Type.BINARY.getOpCode()) {
            refuse(StatusCode.BAD_DATA, "Binary frames are not supported");
            return;
        }
        if (frame.getPayloadLength() > Limits.MAX_FRAME_BYTES
                || message.size() + frame.getPayloadLength() > Limits.MAX_MESSAGE_BYTES) {
            refuse(StatusCode.MESSAGE_TOO_LARGE, "Message too big");
            return;
        }
        ByteBuffer payload = frame.getPayload();
        if (payload != null) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            message.writeBytes(bytes);
        }
        if (frame.isFin()) {
            byte[] complete = message.toByteArray();
            message.reset();
            deliver(complete);
        }
    }

    private void deliver(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            refuse(StatusCode.BAD_PAYLOAD, "Invalid UTF-8");
            return;
        }
        meter.countInbound(bytes.length);
        router.route(connection, text);
    }

    private void refuse(int statusCode, String reason) {
        refusing = true;
        message.reset();
        LOG.info("closing connection for a protocol limit connectionId={} statusCode={}", connection.id(), statusCode);
        session.close(statusCode, reason, Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("socket error connectionId={} error={}", connection.id(), String.valueOf(cause));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            lifecycle.closed(connection, statusCode, reason);
        } finally {
            callback.succeed();
        }
    }
}
