package dev.parley.localenv.gateway;

import java.util.List;
import java.util.Objects;

/**
 * The REQUEST authorizer of the {@code $connect} route (API Gateway allows one only there).
 *
 * @param function         the authorizer Lambda
 * @param identitySources  e.g. {@code route.request.querystring.token} or
 *                         {@code route.request.header.Authorization}; a missing or empty one refuses
 *                         the handshake with 401 before the authorizer runs
 */
public record AuthorizerDefinition(FunctionDefinition function, List<String> identitySources) {
    public AuthorizerDefinition {
        Objects.requireNonNull(function, "function");
        identitySources = List.copyOf(identitySources);
    }
}
