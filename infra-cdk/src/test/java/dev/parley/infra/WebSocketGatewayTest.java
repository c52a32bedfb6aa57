package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class WebSocketGatewayTest {

    private final SynthesizedParley parley = parley();

    @Test
    void the_api_speaks_websocket_and_routes_frames_by_their_action_field() {
        template().resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template().hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
                "ProtocolType", "WEBSOCKET",
                "RouteSelectionExpression", "$request.body.action"));
    }

    @Test
    void the_api_has_exactly_the_connect_disconnect_and_default_routes() {
        assertThat(parley.idsOfType("AWS::ApiGatewayV2::Route"))
                .map(id -> parley.properties(id).get("RouteKey"))
                .containsExactlyInAnyOrder("$connect", "$disconnect", "$default");
    }

    @Test
    void connecting_requires_the_token_authorizer_and_nothing_else_does() {
        String authorizer = parley.idsOfType("AWS::ApiGatewayV2::Authorizer").get(0);
        Map<String, Object> connect = parley.properties(route("$connect"));

        assertThat(connect).containsEntry("AuthorizationType", "CUSTOM")
                .containsEntry("AuthorizerId", Map.of("Ref", authorizer));
        assertThat(parley.properties(route("$disconnect")).get("AuthorizationType")).isIn(null, "NONE");
        assertThat(parley.properties(route("$default")).get("AuthorizationType")).isIn(null, "NONE");
    }

    @Test
    void the_authorizer_is_a_request_authorizer_that_reads_the_token_query_parameter() {
        template().resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        template().hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "REQUEST",
                "IdentitySource", List.of("route.request.querystring.token")));

        String authorizer = parley.idsOfType("AWS::ApiGatewayV2::Authorizer").get(0);
        assertThat(parley.handlerInvokedThrough(parley.properties(authorizer).get("AuthorizerUri")))
                .isEqualTo("AuthorizerHandler");
    }

    @Test
    void each_route_invokes_its_own_handler_through_its_live_alias() {
        Map<String, String> handlerByRoute = parley.idsOfType("AWS::ApiGatewayV2::Route").stream()
                .collect(Collectors.toMap(
                        id -> (String) parley.properties(id).get("RouteKey"),
                        id -> parley.handlerInvokedThrough(integrationOf(id).get("IntegrationUri"))));

        assertThat(handlerByRoute).containsExactlyInAnyOrderEntriesOf(Map.of(
                "$connect", "ConnectHandler",
                "$disconnect", "DisconnectHandler",
                "$default", "DefaultHandler"));
        template().allResourcesProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY"));
    }

    @Test
    void only_the_default_route_sends_its_reply_back_to_the_sender() {
        String defaultRoute = route("$default");
        template().resourceCountIs("AWS::ApiGatewayV2::RouteResponse", 1);
        template().hasResourceProperties("AWS::ApiGatewayV2::RouteResponse", Map.of(
                "RouteResponseKey", "$default",
                "RouteId", Map.of("Ref", defaultRoute)));
        assertThat(parley.properties(defaultRoute)).containsEntry("RouteResponseSelectionExpression", "$default");
    }

    @Test
    void api_gateway_may_invoke_every_alias_it_routes_to() {
        List<String> invokable = parley.idsOfType("AWS::Lambda::Permission").stream()
                .map(parley::properties)
                .filter(permission -> "apigateway.amazonaws.com".equals(permission.get("Principal")))
                .map(permission -> parley.handlerInvokedThrough(permission.get("FunctionName")))
                .toList();

        assertThat(invokable).containsExactlyInAnyOrder(
                "AuthorizerHandler", "ConnectHandler", "DisconnectHandler", "DefaultHandler");
    }

    @Test
    void the_stage_deploys_every_change_automatically_under_the_default_name() {
        template().resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        template().hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "prod",
                "AutoDeploy", true,
                "ApiId", Match.objectLike(Map.of("Ref", Match.anyValue()))));
    }

    private String route(String routeKey) {
        return parley.idsOfType("AWS::ApiGatewayV2::Route").stream()
                .filter(id -> routeKey.equals(parley.properties(id).get("RouteKey")))
                .findFirst()
                .orElseThrow();
    }

    private Map<String, Object> integrationOf(String routeId) {
        return parley.properties(parley.referencedResourceOfType(
                parley.properties(routeId).get("Target"), "AWS::ApiGatewayV2::Integration"));
    }
}
