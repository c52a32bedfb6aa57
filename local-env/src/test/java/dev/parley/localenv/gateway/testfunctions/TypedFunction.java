package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

import java.util.Map;

/**
 * A function typed like Parley's handlers ({@code RequestHandler<APIGatewayV2WebSocketEvent, ...>}), to
 * show what the Lambda serialization path hands them: it answers
 * {@code route|connectionId|authorizer userId|function env|remaining time > 0}.
 */
public final class TypedFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final Map<String, String> environment;

    public TypedFunction(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        Object userId = request.getAuthorizer() == null ? null : request.getAuthorizer().get("userId");
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody(String.join("|", request.getRouteKey(), request.getConnectionId(), String.valueOf(userId),
                environment.get("GREETING"), String.valueOf(context.getRemainingTimeInMillis() > 0),
                context.getFunctionName()));
        return response;
    }
}
