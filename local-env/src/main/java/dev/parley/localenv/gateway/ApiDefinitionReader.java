package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.template.IntrinsicResolver;
import dev.parley.localenv.template.NotEmulatedLocallyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link ApiDefinition} from the synthesized CloudFormation template, so that a route or
 * function added to the CDK app is live locally with no second definition.
 *
 * <p>It follows the references CDK emits: the {@code WEBSOCKET} {@code AWS::ApiGatewayV2::Api}
 * (RouteSelectionExpression), its {@code Stage} (StageName), its {@code Route}s (RouteKey,
 * AuthorizationType/AuthorizerId, Target {@code integrations/{Ref}}), each {@code Integration}'s
 * IntegrationUri (a {@code Fn::Join} around a {@code Ref} to an {@code AWS::Lambda::Alias} or a
 * {@code Fn::GetAtt [Function, Arn]}), an alias or version to its {@code AWS::Lambda::Function}
 * (Handler, Environment.Variables), {@code RouteResponse}s ({@code $default} key) and the REQUEST
 * {@code Authorizer} of {@code $connect} (IdentitySource, AuthorizerUri). Values that may be intrinsics
 * (environment variables, names) go through the caller's resolver. A variable whose value refers to
 * a resource that is not emulated locally (CloudFront, ...) is left out of the function's environment.
 */
public final class ApiDefinitionReader {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDefinitionReader.class);
    private final JsonNode resources;
    private final Function<JsonNode, String> resolver;

    private ApiDefinitionReader(JsonNode resources, Function<JsonNode, String> resolver) {
        this.resources = resources;
        this.resolver = resolver;
    }

    /** Reads the template the provisioner parsed, with its intrinsic resolver. */
    public static ApiDefinition read(CloudTemplate template, IntrinsicResolver resolver) {
        return read(resourcesOf(template), resolver::resolve);
    }

    /**
     * The function that {@code reference} names ({@code Ref} or {@code Fn::GetAtt} to a function, or to an alias or
     * version of one), with its handler and resolved environment: what an event source mapping's
     * {@code FunctionName} invokes.
     *
     * @param owner the logical id that holds the reference, for the error message
     */
    public static FunctionDefinition functionBehind(CloudTemplate template, IntrinsicResolver resolver, JsonNode reference,
                                                    String owner) {
        return new ApiDefinitionReader(resourcesOf(template), resolver::resolve).lambdaBehind(reference, owner);
    }

    private static ObjectNode resourcesOf(CloudTemplate template) {
        ObjectNode resources = new ObjectMapper().createObjectNode();
        template.resources().forEach((logicalId, resource) -> resources.set(logicalId, resource.node()));
        return resources;
    }

    /**
     * @param resources the template's {@code Resources} object
     * @param resolver  turns a property value (a literal or an intrinsic such as {@code {"Ref": "Table"}})
     *                  into its string value
     */
    public static ApiDefinition read(JsonNode resources, Function<JsonNode, String> resolver) {
        return new ApiDefinitionReader(resources, resolver).read();
    }

    private ApiDefinition read() {
        List<String> apis = ofType("AWS::ApiGatewayV2::Api").stream()
                .filter(id -> "WEBSOCKET".equals(properties(id).path("ProtocolType").asText()))
                .toList();
        if (apis.size() != 1) {
            throw new IllegalArgumentException("expected exactly one WEBSOCKET AWS::ApiGatewayV2::Api, found " + apis);
        }
        String api = apis.getFirst();
        String stage = belongingTo(api, "AWS::ApiGatewayV2::Stage").stream().findFirst()
                .map(id -> resolver.apply(properties(id).path("StageName")))
                .orElseThrow(() -> new IllegalArgumentException("the WebSocket API " + api + " has no stage"));
        Map<String, RouteDefinition> routes = new LinkedHashMap<>();
        Optional<AuthorizerDefinition> authorizer = Optional.empty();
        for (String route : belongingTo(api, "AWS::ApiGatewayV2::Route")) {
            JsonNode properties = properties(route);
            String routeKey = resolver.apply(properties.path("RouteKey"));
            String integration = referencedIds(properties.path("Target")).stream()
                    .filter(id -> type(id).equals("AWS::ApiGatewayV2::Integration")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("route " + route + " has no integration target"));
            routes.put(routeKey, new RouteDefinition(routeKey,
                    lambdaBehind(properties(integration).path("IntegrationUri"), integration), hasRouteResponse(route)));
            if ("CUSTOM".equals(properties.path("AuthorizationType").asText())) {
                authorizer = Optional.of(authorizer(referencedIds(properties.path("AuthorizerId")).getFirst()));
            }
        }
        return new ApiDefinition(resolver.apply(properties(api).path("RouteSelectionExpression")), stage, routes,
                authorizer);
    }

    private AuthorizerDefinition authorizer(String authorizer) {
        JsonNode properties = properties(authorizer);
        if (!"REQUEST".equals(properties.path("AuthorizerType").asText())) {
            throw new IllegalArgumentException("WebSocket authorizers are REQUEST authorizers: " + authorizer);
        }
        List<String> identitySources = new ArrayList<>();
        properties.path("IdentitySource").forEach(source -> identitySources.add(resolver.apply(source)));
        return new AuthorizerDefinition(lambdaBehind(properties.path("AuthorizerUri"), authorizer), identitySources);
    }

    private boolean hasRouteResponse(String route) {
        return ofType("AWS::ApiGatewayV2::RouteResponse").stream().map(this::properties)
                .anyMatch(p -> referencedIds(p.path("RouteId")).contains(route)
                        && "$default".equals(p.path("RouteResponseKey").asText()));
    }

    /** The function an integration or authorizer URI invokes, through an alias or version if there is one. */
    private FunctionDefinition lambdaBehind(JsonNode uri, String owner) {
        for (String id : referencedIds(uri)) {
            switch (type(id)) {
                case "AWS::Lambda::Function" -> {
                    return function(id);
                }
                case "AWS::Lambda::Alias", "AWS::Lambda::Version" -> {
                    return lambdaBehind(properties(id).path("FunctionName"), id);
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException(owner + " does not reference a Lambda function, alias or version: " + uri);
    }

    private FunctionDefinition function(String function) {
        JsonNode properties = properties(function);
        Map<String, String> environment = new LinkedHashMap<>();
        properties.path("Environment").path("Variables").properties().forEach(variable -> {
            try {
                environment.put(variable.getKey(), resolver.apply(variable.getValue()));
            } catch (NotEmulatedLocallyException e) {
                LOG.debug("variable left unset: its resource exists on AWS only function={} variable={} resource={}",
                        function, variable.getKey(), e.logicalId());
            }
        });
        return new FunctionDefinition(function, resolver.apply(properties.path("Handler")), environment);
    }

    /** Logical ids named by {@code Ref} or {@code Fn::GetAtt} anywhere in the value, in order. */
    private List<String> referencedIds(JsonNode value) {
        return CloudTemplate.references(value).stream().filter(resources::has).toList();
    }

    private List<String> belongingTo(String api, String type) {
        return ofType(type).stream().filter(id -> referencedIds(properties(id).path("ApiId")).contains(api)).toList();
    }

    private List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    private String type(String logicalId) {
        return resources.path(logicalId).path("Type").asText();
    }

    private JsonNode properties(String logicalId) {
        return resources.path(logicalId).path("Properties");
    }
}
