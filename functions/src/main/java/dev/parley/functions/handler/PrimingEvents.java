package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.presence.PresenceChange;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.push.PushJob;

import java.time.Instant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic events of SnapStart priming ({@link PrimedHandler}): shaped as API Gateway, SQS and
 * Cognito send them, for a user, device and conversation that exist nowhere.
 */
final class PrimingEvents {
    static final String USER_ID = "00000000-0000-4000-8000-00000000000a";
    static final String CONVERSATION_ID = ConversationId.direct(USER_ID, "00000000-0000-4000-8000-00000000000b");

    private PrimingEvents() {
    }

    /** A route's event from a connected, authorized device; {@code body} is the frame, null for $connect/$disconnect. */
    static APIGatewayV2WebSocketEvent route(String routeKey, String body) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(switch (routeKey) {
            case "$connect" -> "CONNECT";
            case "$disconnect" -> "DISCONNECT";
            default -> "MESSAGE";
        });
        context.setConnectionId("primingConnectn=");
        context.setRequestId("priming");
        context.setStage("prod");
        context.setApiId("priming");
        context.setDomainName("priming.execute-api.us-east-1.amazonaws.com");
        context.setConnectedAt(System.currentTimeMillis());
        context.setRequestTimeEpoch(System.currentTimeMillis());
        context.setAuthorizer(new HashMap<>(Map.of("principalId", USER_ID, "userId", USER_ID, "deviceId", "priming",
                "username", "priming")));
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setQueryStringParameters(body == null ? Map.of("deviceId", "priming", "platform", "web") : null);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** A frame {@code {"action": action, "requestId": "priming", ...fields}} on its route. */
    static APIGatewayV2WebSocketEvent action(String action, String fields) {
        return route(action, "{\"action\":\"" + action + "\",\"requestId\":\"priming\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    /** The $connect authorizer's REQUEST event with a token that is no JWT: refused before any key is fetched. */
    static APIGatewayCustomAuthorizerEvent authorizer() {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:priming/prod/$connect");
        event.setQueryStringParameters(Map.of("token", "priming.priming.priming", "deviceId", "priming"));
        return event;
    }

    /** An SQS batch of one record with this body. */
    static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("priming");
        message.setBody(body);
        message.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** The presence worker's queue record: the priming user came online. */
    static SQSEvent presenceChange() {
        return sqs(new PresenceChange(USER_ID, PresenceChange.Kind.ONLINE, Instant.now()).toJson());
    }

    /** The push worker's queue record: a message to the priming conversation, with no device to push to. */
    static SQSEvent pushJob() {
        return sqs(new PushJob(CONVERSATION_ID, 1, USER_ID, "priming", "priming", System.currentTimeMillis(), false,
                "priming", List.of()).toJson());
    }

    /** A fan-out job of a large conversation. */
    static SQSEvent fanOutJob() {
        return sqs(new FanOutJob(CONVERSATION_ID, 1, null, null, "{}").toJson());
    }

    /** A Cognito post-authentication trigger event. */
    static Map<String, Object> userPoolTrigger() {
        Map<String, Object> event = new HashMap<>();
        event.put("triggerSource", "PostAuthentication_Authentication");
        event.put("userName", "priming");
        event.put("request", Map.of("userAttributes", Map.of("sub", USER_ID)));
        return event;
    }
}
