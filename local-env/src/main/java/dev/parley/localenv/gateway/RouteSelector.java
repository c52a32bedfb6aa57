package dev.parley.localenv.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the route of an incoming message as API Gateway does.
 *
 * <p>The selection expression is {@code $request.body.<path>} (a dotted path into the JSON body, e.g.
 * {@code $request.body.action}) or a template of {@code ${request.body.<path>}} parts. A value is
 * stringified (a string as is, a number or boolean as written, an object or array as compact JSON); a
 * missing path or JSON null gives {@code ""}. The key must match a route exactly; otherwise, or when the
 * body is not JSON, the message goes to {@code $default}. With no match and no {@code $default} there is
 * no route (the client gets the Forbidden frame). {@code $connect} and {@code $disconnect} are never
 * selected by a message.
 */
final class RouteSelector {
    private static final Pattern WHOLE = Pattern.compile("^\\$request\\.body\\.([^${}]+)$");
    private static final Pattern PART = Pattern.compile("\\$\\{request\\.body\\.([^}]+)}");

    private final String expression;
    private final Set<String> routeKeys;
    private final ObjectMapper mapper;

    RouteSelector(String expression, Set<String> routeKeys, ObjectMapper mapper) {
        if (!WHOLE.matcher(expression).matches() && !PART.matcher(expression).find()) {
            throw new IllegalArgumentException("unsupported route selection expression " + expression
                    + " (supported: $request.body.<path> and ${request.body.<path>} templates)");
        }
        this.expression = expression;
        this.routeKeys = Set.copyOf(routeKeys);
        this.mapper = mapper;
    }

    /** The route key for this body, or empty when no route takes it. */
    Optional<String> select(String body) {
        Optional<String> key = selectionKey(body);
        if (key.isPresent() && !key.get().equals(ApiDefinition.CONNECT) && !key.get().equals(ApiDefinition.DISCONNECT)
                && routeKeys.contains(key.get())) {
            return key;
        }
        return routeKeys.contains(ApiDefinition.DEFAULT) ? Optional.of(ApiDefinition.DEFAULT) : Optional.empty();
    }

    /** The evaluated expression; empty when the body is not JSON. */
    Optional<String> selectionKey(String body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (json == null || json.isMissingNode()) {
            return Optional.empty();
        }
        Matcher whole = WHOLE.matcher(expression);
        if (whole.matches()) {
            return Optional.of(stringify(json, whole.group(1)));
        }
        Matcher part = PART.matcher(expression);
        StringBuilder key = new StringBuilder();
        while (part.find()) {
            part.appendReplacement(key, Matcher.quoteReplacement(stringify(json, part.group(1))));
        }
        part.appendTail(key);
        return Optional.of(key.toString());
    }

    private static String stringify(JsonNode json, String dottedPath) {
        JsonNode node = json;
        for (String segment : dottedPath.split("\\.")) {
            node = node.path(segment);
        }
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
