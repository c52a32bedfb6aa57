package dev.parley.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * What the function groups of the stack share: the functions jar, the tables, the gateway and the
 * @connections endpoint (built from the API id and stage, so functions may know it without
 * depending on routes).
 */
record Backend(Code code, RemovalPolicy removalPolicy, MessagingTables tables, Table connections,
               WebSocketGateway gateway, String managementEndpoint) {

    /** A function serving WebSocket routes (API Gateway waits 29 s at most). */
    ParleyFunction routeFunction(Construct scope, String id, String handlerClass, Map<String, String> environment) {
        return function(scope, id, handlerClass, ParleyFunction.ROUTE_TIMEOUT, environment);
    }

    /** A function fed by an SQS queue. */
    ParleyFunction workerFunction(Construct scope, String id, String handlerClass, Map<String, String> environment) {
        return function(scope, id, handlerClass, ParleyFunction.WORKER_TIMEOUT, environment);
    }

    private ParleyFunction function(Construct scope, String id, String handlerClass, Duration timeout,
                                    Map<String, String> environment) {
        return new ParleyFunction(scope, id, new ParleyFunction.Props(
                ParleyFunction.handler(handlerClass), code, environment, timeout, removalPolicy));
    }
}
