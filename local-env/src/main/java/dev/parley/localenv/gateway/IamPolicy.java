package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates an authorizer's IAM policy document for one action on one resource, as IAM does: an explicit
 * Deny wins, then an Allow, and no matching statement is an implicit deny. {@code Action} and
 * {@code Resource} may be a string or a list, with {@code *} and {@code ?} wildcards; actions match
 * without regard to case.
 */
final class IamPolicy {
    private IamPolicy() {
    }

    static boolean allows(JsonNode policyDocument, String action, String resource) {
        JsonNode statements = policyDocument.path("Statement");
        boolean allowed = false;
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            boolean matches = values(statement.path("Action")).stream().anyMatch(p -> glob(p, action, true))
                    && values(statement.path("Resource")).stream().anyMatch(p -> glob(p, resource, false));
            if (matches && "Deny".equalsIgnoreCase(statement.path("Effect").asText())) {
                return false;
            }
            allowed |= matches && "Allow".equalsIgnoreCase(statement.path("Effect").asText());
        }
        return allowed;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }
}
