package dev.parley.localenv.gateway;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the emulator serves: one API Gateway WebSocket API and one stage.
 *
 * <p>Build it from the synthesized template with {@link ApiDefinitionReader}, or by hand in tests:
 * <pre>{@code
 * var echo = new FunctionDefinition("EchoFn", "com.example.Echo::handleRequest", Map.of());
 * var api = new ApiDefinition("$request.body.action", "dev",
 *         Map.of("$default", new RouteDefinition("$default", echo, true)), Optional.empty());
 * }</pre>
 *
 * @param routeSelectionExpression e.g. {@code $request.body.action}; see {@link RouteSelector}
 * @param stageName                the stage, first path segment of the WebSocket and {@code @connections} URLs
 * @param routes                   by route key
 * @param authorizer               the REQUEST authorizer of {@code $connect}, if any
 */
public record ApiDefinition(String routeSelectionExpression, String stageName,
                            Map<String, RouteDefinition> routes, Optional<AuthorizerDefinition> authorizer) {
    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    public static final String DEFAULT = "$default";

    public ApiDefinition {
        Objects.requireNonNull(routeSelectionExpression, "routeSelectionExpression");
        Objects.requireNonNull(stageName, "stageName");
        routes = Map.copyOf(routes);
        Objects.requireNonNull(authorizer, "authorizer");
        routes.forEach((key, route) -> {
            if (!key.equals(route.routeKey())) {
                throw new IllegalArgumentException("route map key " + key + " differs from its route key " + route.routeKey());
            }
        });
    }

    public Optional<RouteDefinition> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }
}
