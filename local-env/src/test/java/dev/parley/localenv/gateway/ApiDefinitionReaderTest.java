package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading routes, functions and the authorizer from a CDK-shaped template (src/test/resources/gateway/template.json). */
class ApiDefinitionReaderTest {
    private static ApiDefinition api;

    @BeforeAll
    static void read() throws Exception {
        JsonNode template;
        try (InputStream in = ApiDefinitionReaderTest.class.getResourceAsStream("/gateway/template.json")) {
            template = new ObjectMapper().readTree(in);
        }
        // A stand-in for the provisioner's resolver: literals as they are, a Ref as "physical-<id>".
        api = ApiDefinitionReader.read(template.get("Resources"),
                value -> value.has("Ref") ? "physical-" + value.get("Ref").asText() : value.asText());
    }

    @Test
    void it_reads_the_websocket_api_its_stage_and_selection_expression() {
        assertThat(api.stageName()).isEqualTo("live");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.routes()).containsOnlyKeys("$connect", "$default");
    }

    @Test
    void a_route_through_an_alias_reaches_the_function_with_its_resolved_environment() {
        FunctionDefinition connect = api.routes().get("$connect").function();
        assertThat(connect).isEqualTo(new FunctionDefinition("ConnectFn1234ABCD",
                "dev.parley.functions.handler.ConnectHandler",
                Map.of("CONNECTIONS_TABLE", "physical-ConnectionsTable0A1B2C3D", "MODE", "strict")));
    }

    @Test
    void a_route_through_get_att_arn_reaches_the_function() {
        assertThat(api.routes().get("$default").function().handler()).isEqualTo("dev.parley.functions.handler.DefaultHandler");
        assertThat(api.routes().get("$default").function().environment()).isEmpty();
    }

    @Test
    void only_a_route_with_a_default_route_response_replies() {
        assertThat(api.routes().get("$default").hasRouteResponse()).isTrue();
        assertThat(api.routes().get("$connect").hasRouteResponse()).isFalse();
    }

    @Test
    void the_connect_authorizer_through_a_version_has_its_identity_sources() {
        AuthorizerDefinition authorizer = api.authorizer().orElseThrow();
        assertThat(authorizer.function().logicalId()).isEqualTo("AuthorizerFnBBBB2222");
        assertThat(authorizer.function().environment()).containsEntry("USER_POOL_ID", "physical-UserPoolCCCC3333");
        assertThat(authorizer.identitySources())
                .isEqualTo(List.of("route.request.querystring.token", "route.request.querystring.deviceId"));
    }
}
