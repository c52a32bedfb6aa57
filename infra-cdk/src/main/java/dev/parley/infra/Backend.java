package dev.parley.infra;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * What the function families of the stack share: the functions jar, the tables, the gateway and the
 * @connections endpoint (built from the API id and stage, so functions may know it without
 * depending on routes).
 */
record Backend(Code code, RemovalPolicy removalPolicy, MessagingTables tables, Table connections,
               WebSocketGateway gateway, String managementEndpoint, DeploymentConfig.PostPacing posts) {

    Backend {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(managementEndpoint, "managementEndpoint");
        Objects.requireNonNull(posts, "posts");
    }

    /** A function that posts to sockets (it is told the @connections endpoint) also gets the posts' pacing. */
    private Map<String, String> withPostPacing(Map<String, String> environment) {
        if (!environment.containsKey(FunctionEnvironment.MANAGEMENT_ENDPOINT) || posts.environment().isEmpty()) {
            return environment;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(environment);
        merged.putAll(posts.environment());
        return merged;
    }

    /** A function serving WebSocket routes (API Gateway waits 29 s at most). */
    ParleyFunction routeFunction(Construct scope, String id, String handlerClass, Map<String, String> environment) {
        return ParleyFunction.route(scope, id, handlerClass, code, removalPolicy, withPostPacing(environment));
    }

    /** A function fed by an SQS queue. */
    ParleyFunction workerFunction(Construct scope, String id, String handlerClass, Map<String, String> environment) {
        return new ParleyFunction(scope, id, new ParleyFunction.Props(
                ParleyFunction.handler(handlerClass), code, withPostPacing(environment), ParleyFunction.WORKER_TIMEOUT,
                removalPolicy));
    }
}
