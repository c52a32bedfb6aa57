package dev.parley.localenv.gateway;

import java.util.Objects;

/**
 * One route of the WebSocket API.
 *
 * @param routeKey         {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 *                         matched against the route selection expression
 * @param function         the Lambda proxy integration behind the route
 * @param hasRouteResponse whether the route has a {@code $default} route response: only then does the
 *                         Lambda's {@code body} go back to the sender as a frame
 */
public record RouteDefinition(String routeKey, FunctionDefinition function, boolean hasRouteResponse) {
    public RouteDefinition {
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(function, "function");
    }
}
