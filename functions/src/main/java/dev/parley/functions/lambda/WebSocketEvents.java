package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket route event and response, read from and written to JSON by hand, property by
 * property, as Jackson's bean binding reads and writes these {@code aws-lambda-java-events} types
 * (bean property names, unknown fields ignored, scalars coerced to the property's type, a missing
 * primitive zero, nulls left out of the response). Every route and {@code $connect} takes this
 * path on its first event: the bean binding cost about 50 ms of CPU per cold start on its own (the
 * deserializers of the event's three bean types and their maps), work the floor of
 * {@code ./parley bench --cold-start} never does (docs/cost.md). {@code LambdaEventsTest} holds it
 * to what the runtime's own serializer makes of every route fixture and response.
 */
final class WebSocketEvents {
    private WebSocketEvents() {
    }

    static APIGatewayV2WebSocketEvent read(JsonNode json) throws IOException {
        if (json == null || json.isMissingNode() || json.isNull()) {
            return null; // as the bean reader reads the JSON null
        }
        requireObject(json, "APIGatewayV2WebSocketEvent");
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setResource(text(json, "resource"));
        event.setPath(text(json, "path"));
        event.setHttpMethod(text(json, "httpMethod"));
        event.setHeaders(map(json, "headers", WebSocketEvents::scalar));
        event.setMultiValueHeaders(map(json, "multiValueHeaders", WebSocketEvents::texts));
        event.setQueryStringParameters(map(json, "queryStringParameters", WebSocketEvents::scalar));
        event.setMultiValueQueryStringParameters(map(json, "multiValueQueryStringParameters", WebSocketEvents::texts));
        event.setPathParameters(map(json, "pathParameters", WebSocketEvents::scalar));
        event.setStageVariables(map(json, "stageVariables", WebSocketEvents::scalar));
        event.setRequestContext(requestContext(json.get("requestContext")));
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(bool(json, "isBase64Encoded"));
        return event;
    }

    static void write(APIGatewayV2WebSocketResponse response, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("isBase64Encoded", response.isIsBase64Encoded());
        json.writeNumberField("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                if (header.getValue() != null) { // null map values are left out too
                    json.writeStringField(header.getKey(), header.getValue());
                }
            }
            json.writeEndObject();
        }
        if (response.getMultiValueHeaders() != null) {
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, String[]> header : response.getMultiValueHeaders().entrySet()) {
                if (header.getValue() == null) {
                    continue;
                }
                json.writeArrayFieldStart(header.getKey());
                for (String value : header.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        if (response.getBody() != null) {
            json.writeStringField("body", response.getBody());
        }
        json.writeEndObject();
    }

    private static APIGatewayV2WebSocketEvent.RequestContext requestContext(JsonNode json) throws IOException {
        if (json == null || json.isNull()) {
            return null;
        }
        requireObject(json, "RequestContext");
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setAccountId(text(json, "accountId"));
        context.setResourceId(text(json, "resourceId"));
        context.setStage(text(json, "stage"));
        context.setRequestId(text(json, "requestId"));
        context.setIdentity(identity(json.get("identity")));
        context.setResourcePath(text(json, "resourcePath"));
        context.setAuthorizer(map(json, "authorizer", WebSocketEvents::untyped));
        context.setHttpMethod(text(json, "httpMethod"));
        context.setApiId(text(json, "apiId"));
        context.setConnectedAt(number(json, "connectedAt"));
        context.setConnectionId(text(json, "connectionId"));
        context.setDomainName(text(json, "domainName"));
        context.setError(text(json, "error"));
        context.setEventType(text(json, "eventType"));
        context.setExtendedRequestId(text(json, "extendedRequestId"));
        context.setIntegrationLatency(text(json, "integrationLatency"));
        context.setMessageDirection(text(json, "messageDirection"));
        context.setMessageId(text(json, "messageId"));
        context.setRequestTime(text(json, "requestTime"));
        context.setRequestTimeEpoch(number(json, "requestTimeEpoch"));
        context.setRouteKey(text(json, "routeKey"));
        context.setStatus(text(json, "status"));
        return context;
    }

    private static APIGatewayV2WebSocketEvent.RequestIdentity identity(JsonNode json) throws IOException {
        if (json == null || json.isNull()) {
            return null;
        }
        requireObject(json, "RequestIdentity");
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setCognitoIdentityPoolId(text(json, "cognitoIdentityPoolId"));
        identity.setAccountId(text(json, "accountId"));
        identity.setCognitoIdentityId(text(json, "cognitoIdentityId"));
        identity.setCaller(text(json, "caller"));
        identity.setApiKey(text(json, "apiKey"));
        identity.setSourceIp(text(json, "sourceIp"));
        identity.setCognitoAuthenticationType(text(json, "cognitoAuthenticationType"));
        identity.setCognitoAuthenticationProvider(text(json, "cognitoAuthenticationProvider"));
        identity.setUserArn(text(json, "userArn"));
        identity.setUserAgent(text(json, "userAgent"));
        identity.setUser(text(json, "user"));
        identity.setAccessKey(text(json, "accessKey"));
        return identity;
    }

    /** A String property: a JSON scalar as its text (the bean reader coerces numbers and booleans), null for none. */
    private static String text(JsonNode object, String name) throws IOException {
        return scalar(object.get(name), name);
    }

    private static String scalar(JsonNode value, String name) throws IOException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw mismatch("\"" + name + "\" must be a string, not " + value.getNodeType());
        }
        return value.asText();
    }

    private static String scalar(JsonNode value) throws IOException {
        return scalar(value, "a map value");
    }

    /** A long property: a number, or a string of digits as the bean reader coerces it; 0 for none. */
    private static long number(JsonNode object, String name) throws IOException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.longValue(); // the bean reader truncates a fraction of a long property likewise
        }
        if (value.isTextual()) {
            String digits = value.textValue().trim();
            if (digits.isEmpty()) {
                return 0;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw mismatch("\"" + name + "\" must be a number, not \"" + value.textValue() + "\"");
            }
        }
        throw mismatch("\"" + name + "\" must be a number, not " + value.getNodeType());
    }

    /** A boolean property: true, false, or their text; false for none. */
    private static boolean bool(JsonNode object, String name) throws IOException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.textValue().trim()) || "false".equals(value.textValue().trim()))) {
            return Boolean.parseBoolean(value.textValue().trim());
        }
        if (value.isIntegralNumber()) {
            return value.longValue() != 0;
        }
        throw mismatch("\"" + name + "\" must be a boolean, not " + value);
    }

    private interface Value<T> {
        T of(JsonNode value) throws IOException;
    }

    private static <T> Map<String, T> map(JsonNode object, String name, Value<T> values) throws IOException {
        JsonNode json = object.get(name);
        if (json == null || json.isNull()) {
            return null;
        }
        requireObject(json, name);
        Map<String, T> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            map.put(entry.getKey(), values.of(entry.getValue()));
        }
        return map;
    }

    private static List<String> texts(JsonNode json) throws IOException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isArray()) {
            throw mismatch("a multi-value map's value must be an array, not " + json.getNodeType());
        }
        List<String> texts = new ArrayList<>(json.size());
        for (JsonNode value : json) {
            texts.add(scalar(value));
        }
        return texts;
    }

    /** A value of the authorizer's map as the bean reader's untyped values: maps, lists, Integer/Long/BigInteger, Double, String, Boolean. */
    private static Object untyped(JsonNode json) {
        return switch (json.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                json.properties().forEach(entry -> map.put(entry.getKey(), untyped(entry.getValue())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(json.size());
                json.forEach(value -> list.add(untyped(value)));
                yield list;
            }
            case NUMBER -> json.numberValue();
            case STRING -> json.textValue();
            case BOOLEAN -> json.booleanValue();
            case BINARY, POJO -> json.asText();
            case NULL, MISSING -> null;
        };
    }

    private static void requireObject(JsonNode json, String what) throws IOException {
        if (!json.isObject()) {
            throw mismatch(what + " must be a JSON object, not " + json.getNodeType());
        }
    }

    private static MismatchedInputException mismatch(String message) {
        return MismatchedInputException.from(null, APIGatewayV2WebSocketEvent.class, "Not an API Gateway WebSocket event: " + message);
    }
}
