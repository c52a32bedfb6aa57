package dev.parley.functions.handler;

import dev.parley.functions.domain.Metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.MessagingWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;

import java.time.Duration;
import java.util.Map;

/**
 * Route {@code sendMessage}: stores the message and delivers it to the members' other sockets;
 * the sending socket gets the reply with the message's seq and sentAt.
 *
 * <p>Environment: {@code AWS_REGION}, {@code MESSAGES_TABLE}, {@code CONNECTIONS_TABLE},
 * {@code APIGW_MANAGEMENT_ENDPOINT}; optional {@code MEMBERSHIPS_TABLE} (members' rows), and
 * {@code PUSH_QUEUE_URL} with {@code DEVICES_TABLE} (push jobs, for offline registered devices
 * only; either absent turns pushes off), {@code MEDIA_TABLE} (messages with media; absent refuses them), and
 * {@code KEYS_TABLE} (the Signal forms in E2EE conversations; absent refuses them).
 */
public final class SendMessageHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(SendMessageHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final SendMessage sendMessage;
    private final Metrics metrics;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public SendMessageHandler() {
        this(new MessagingWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public SendMessageHandler(Map<String, String> environment) {
        this(new MessagingWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public SendMessageHandler(SendMessage sendMessage) {
        this(sendMessage, Metrics.NONE);
    }

    /** An instance around a given use case that records its metrics, for tests. */
    public SendMessageHandler(SendMessage sendMessage, Metrics metrics) {
        super(() -> { });
        this.sendMessage = sendMessage;
        this.metrics = metrics;
    }

    private SendMessageHandler(MessagingWiring wiring) {
        super(wiring::primeSendPath, wiring::offline);
        this.sendMessage = wiring.sendMessage();
        this.metrics = wiring.metrics();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        long started = System.nanoTime();
        return ActionRoute.respond(event, LOG, (request, call) -> {
            SendMessageRequest send = CODEC.read(request, SendMessageRequest.class);
            SendMessage.Result sent = sendMessage.send(call.actor(), call.username(), Commands.draft(send), timeLeft(context));
            LOG.info(sent.alreadyStored() ? "message was already stored" : "message stored", call.fields(
                    "conversationId", sent.conversationId(), "seq", sent.seq(), "delivered", sent.delivery().delivered(),
                    "gone", sent.delivery().gone(), "failed", sent.delivery().failed()));
            if (!sent.alreadyStored()) {
                metrics.record(Metrics.Metric.MESSAGES_STORED, 1);
            }
            metrics.record(Metrics.Metric.SEND_LATENCY, (System.nanoTime() - started) / 1_000_000.0);
            return new SendMessageReply(sent.conversationId(), sent.seq(), sent.sentAt().toEpochMilli(),
                    sent.deliveredTo().isEmpty() ? null : sent.deliveredTo());
        });
    }

    /** What bounds the send's race for a seq ({@link dev.parley.functions.domain.message.SeqRetries}); null without a context. */
    private static Duration timeLeft(Context context) {
        return context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("sendMessage", "\"conversationId\":\"" + PrimingEvents.CONVERSATION_ID + "\",\"clientMessageId\":\"priming\",\"text\":\"priming\"");
    }
}
