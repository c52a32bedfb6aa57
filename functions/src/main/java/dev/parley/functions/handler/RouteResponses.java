package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** Lambda results for WebSocket routes. The status must be set: a 0 refuses the handshake. */
final class RouteResponses {
    private RouteResponses() {
    }

    static APIGatewayV2WebSocketResponse status(int statusCode) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        return response;
    }

    /** A frame sent back to the caller's socket through the route response. */
    static APIGatewayV2WebSocketResponse frame(String body) {
        APIGatewayV2WebSocketResponse response = status(200);
        response.setBody(body);
        return response;
    }
}
