package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The REQUEST authorizer on {@code $connect}, as API Gateway runs it:
 * <ul>
 *   <li>a missing or empty identity source refuses with 401 without calling the authorizer;</li>
 *   <li>an authorizer that fails with the error message exactly {@code "Unauthorized"} refuses with 401;</li>
 *   <li>a policy that does not allow {@code execute-api:Invoke} on the method ARN (an explicit Deny, or
 *       no matching Allow) refuses with 403 (see {@link IamPolicy});</li>
 *   <li>anything else refuses with 500 and is logged: an authorizer that fails with any other error (so a
 *       crashed authorizer is not mistaken for a refusal), a timeout, and a malformed response (not a JSON
 *       object, no string {@code principalId}, no {@code policyDocument} object with a {@code Statement}, a
 *       context value that is not a string, number or boolean, a context over 8 KB);</li>
 *   <li>otherwise the connection carries {@code requestContext.authorizer}: {@code principalId} plus
 *       the context, with every value as a string.</li>
 * </ul>
 * Results are never cached: WebSocket authorizers run on every connect.
 */
final class ConnectAuthorizer {
    /** API Gateway's limit on the serialized authorizer context. */
    static final int MAX_CONTEXT_BYTES = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorizer.class);

    sealed interface Outcome {
        record Allowed(ObjectNode requestContextAuthorizer) implements Outcome {
        }

        record Refused(int status, String message) implements Outcome {
        }
    }

    private static final Outcome UNAUTHORIZED = new Outcome.Refused(401, "Unauthorized");
    private static final Outcome FORBIDDEN = new Outcome.Refused(403, "Forbidden");
    private static final Outcome FAILED = new Outcome.Refused(500, "Internal server error");

    private final AuthorizerDefinition definition;
    private final LambdaIntegrations integrations;
    private final WebSocketEvents events;
    private final ObjectMapper mapper;
    private final String methodArn;

    ConnectAuthorizer(AuthorizerDefinition definition, LambdaIntegrations integrations, WebSocketEvents events,
                      ObjectMapper mapper, String methodArn) {
        this.definition = definition;
        this.integrations = integrations;
        this.events = events;
        this.mapper = mapper;
        this.methodArn = methodArn;
    }

    Outcome authorize(Connection connection, ClientHandshake handshake, String requestId) {
        for (String source : definition.identitySources()) {
            if (!present(source, handshake)) {
                LOG.info("authorizer skipped: identity source missing connectionId={} identitySource={}",
                        connection.id(), source);
                return UNAUTHORIZED;
            }
        }
        JsonNode response;
        try {
            response = integrations.invokeAndWait(definition.function(),
                    events.authorizerRequest(connection, handshake, requestId, methodArn));
        } catch (IntegrationException e) {
            if (e.errorMessage().filter("Unauthorized"::equals).isPresent()) {
                LOG.info("authorizer answered Unauthorized; handshake refused with 401 connectionId={}", connection.id());
                return UNAUTHORIZED;
            }
            LOG.error("authorizer failed; handshake refused with 500 connectionId={} failure={} cause={}", connection.id(),
                    e.getMessage(), String.valueOf(e.getCause()));
            return FAILED;
        }
        return decide(connection, response);
    }

    private Outcome decide(Connection connection, JsonNode response) {
        JsonNode policy = response.path("policyDocument");
        if (!response.path("principalId").isTextual() || !policy.isObject() || !policy.path("Statement").isContainerNode()) {
            LOG.error("authorizer response is malformed (it needs a principalId string and a policyDocument with a "
                    + "Statement); handshake refused with 500 connectionId={} response={}", connection.id(), abbreviated(response));
            return FAILED;
        }
        if (!IamPolicy.allows(policy, "execute-api:Invoke", methodArn)) {
            LOG.info("authorizer denied; handshake refused with 403 connectionId={}", connection.id());
            return FORBIDDEN;
        }
        JsonNode context = response.path("context");
        ObjectNode authorizer = mapper.createObjectNode();
        authorizer.put("principalId", response.path("principalId").asText());
        if (context.isObject()) {
            if (context.toString().getBytes(StandardCharsets.UTF_8).length > MAX_CONTEXT_BYTES) {
                LOG.error("authorizer context exceeds 8 KB; handshake refused with 500 connectionId={} bytes={}",
                        connection.id(), context.toString().length());
                return FAILED;
            }
            for (Map.Entry<String, JsonNode> entry : context.properties()) {
                JsonNode value = entry.getValue();
                if (value.isContainerNode()) {
                    LOG.error("authorizer context value is not a string, number or boolean; handshake refused with 500"
                            + " connectionId={} key={}", connection.id(), entry.getKey());
                    return FAILED;
                }
                if (!value.isNull()) {
                    authorizer.put(entry.getKey(), value.asText());
                }
            }
        }
        return new Outcome.Allowed(authorizer);
    }

    private static String abbreviated(JsonNode response) {
        String text = response.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static boolean present(String identitySource, ClientHandshake handshake) {
        String headerPrefix = "route.request.header.";
        String queryPrefix = "route.request.querystring.";
        String value;
        if (identitySource.startsWith(headerPrefix)) {
            value = handshake.header(identitySource.substring(headerPrefix.length())).orElse(null);
        } else if (identitySource.startsWith(queryPrefix)) {
            value = handshake.queryParameter(identitySource.substring(queryPrefix.length())).orElse(null);
        } else if (identitySource.startsWith("stageVariables.")) {
            value = null;
        } else {
            value = "context";
        }
        return value != null && !value.isEmpty();
    }
}
