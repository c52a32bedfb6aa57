package dev.parley.localenv.gateway;

import java.util.Map;
import java.util.Objects;

/**
 * A Lambda function as the template declares it.
 *
 * @param logicalId   CloudFormation logical id; also the function name local-env reports in the
 *                    Lambda {@code Context} and in logs
 * @param handler     {@code "pkg.Class::method"} or {@code "pkg.Class"} (method {@code handleRequest}),
 *                    exactly as in the template's {@code Handler} property
 * @param environment the function's {@code Environment.Variables}, intrinsics already resolved
 */
public record FunctionDefinition(String logicalId, String handler, Map<String, String> environment) {
    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handler, "handler");
        environment = Map.copyOf(environment);
    }
}
