package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class WebSocketGatewayTest {

    /** Which handler each route key reaches: one function per concern, Conversations serving seven actions, Devices three, ... */
    private static final Map<String, String> HANDLER_BY_ROUTE = Map.ofEntries(
            Map.entry("$connect", "ConnectHandler"),
            Map.entry("$disconnect", "DisconnectHandler"),
            Map.entry("$default", "DefaultHandler"),
            Map.entry("sendMessage", "SendMessageHandler"),
            Map.entry("findUsers", "ConversationsHandler"),
            Map.entry("createConversation", "ConversationsHandler"),
            Map.entry("getConversation", "ConversationsHandler"),
            Map.entry("listConversations", "ConversationsHandler"),
            Map.entry("addMembers", "ConversationsHandler"),
            Map.entry("removeMembers", "ConversationsHandler"),
            Map.entry("leaveConversation", "ConversationsHandler"),
            Map.entry("listMembers", "ConversationsHandler"),
            Map.entry("setRole", "ConversationsHandler"),
            Map.entry("updateGroup", "ConversationsHandler"),
            Map.entry("createInvite", "ConversationsHandler"),
            Map.entry("joinByInvite", "ConversationsHandler"),
            Map.entry("revokeInvite", "ConversationsHandler"),
            Map.entry("listInvites", "ConversationsHandler"),
            Map.entry("listDevices", "DevicesHandler"),
            Map.entry("revokeDevice", "DevicesHandler"),
            Map.entry("signOutEverywhere", "DevicesHandler"),
            Map.entry("deleteAccount", "DevicesHandler"),
            Map.entry("publishKeys", "DevicesHandler"),
            Map.entry("getKeyCounts", "DevicesHandler"),
            Map.entry("claimKeys", "DevicesHandler"),
            Map.entry("getKeyLog", "DevicesHandler"),
            Map.entry("ping", "PingHandler"),
            Map.entry("sync", "SyncHandler"),
            Map.entry("history", "SyncHandler"),
            Map.entry("markDelivered", "ActivityHandler"),
            Map.entry("markRead", "ActivityHandler"),
            Map.entry("readCounts", "ActivityHandler"),
            Map.entry("typing", "ActivityHandler"),
            Map.entry("viewConversation", "ActivityHandler"),
            Map.entry("getPresence", "PresenceHandler"),
            Map.entry("getSettings", "PresenceHandler"),
            Map.entry("updateSettings", "PresenceHandler"),
            Map.entry("registerDevice", "PushHandler"),
            Map.entry("unregisterDevice", "PushHandler"),
            Map.entry("muteConversation", "PushHandler"),
            Map.entry("requestUpload", "MediaHandler"),
            Map.entry("getMediaUrl", "MediaHandler"));

    private final SynthesizedParley parley = parley();

    @Test
    void the_api_speaks_websocket_and_routes_frames_by_their_action_field() {
        template().resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template().hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
                "ProtocolType", "WEBSOCKET",
                "RouteSelectionExpression", "$request.body.action"));
    }

    @Test
    void the_api_has_a_route_per_protocol_action_besides_connect_disconnect_and_default() {
        assertThat(parley.idsOfType("AWS::ApiGatewayV2::Route"))
                .map(id -> parley.properties(id).get("RouteKey"))
                .containsExactlyInAnyOrderElementsOf(HANDLER_BY_ROUTE.keySet());
    }

    @Test
    void connecting_requires_the_token_authorizer_and_nothing_else_does() {
        String authorizer = parley.idsOfType("AWS::ApiGatewayV2::Authorizer").get(0);
        Map<String, Object> connect = parley.properties(route("$connect"));

        assertThat(connect).containsEntry("AuthorizationType", "CUSTOM")
                .containsEntry("AuthorizerId", Map.of("Ref", authorizer));
        for (String routeKey : HANDLER_BY_ROUTE.keySet()) {
            if (!routeKey.equals("$connect")) {
                assertThat(parley.properties(route(routeKey)).get("AuthorizationType")).as(routeKey).isIn(null, "NONE");
            }
        }
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

        assertThat(handlerByRoute).containsExactlyInAnyOrderEntriesOf(HANDLER_BY_ROUTE);
        template().allResourcesProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY"));
    }

    @Test
    void every_route_but_connect_and_disconnect_sends_its_reply_back_to_the_sender() {
        List<String> replying = HANDLER_BY_ROUTE.keySet().stream()
                .filter(routeKey -> !routeKey.equals("$connect") && !routeKey.equals("$disconnect"))
                .toList();
        template().resourceCountIs("AWS::ApiGatewayV2::RouteResponse", replying.size());
        template().allResourcesProperties("AWS::ApiGatewayV2::RouteResponse", Map.of("RouteResponseKey", "$default"));

        List<String> routesWithResponse = parley.idsOfType("AWS::ApiGatewayV2::RouteResponse").stream()
                .map(id -> parley.referencedResourceOfType(parley.properties(id).get("RouteId"), "AWS::ApiGatewayV2::Route"))
                .toList();
        assertThat(routesWithResponse).containsExactlyInAnyOrderElementsOf(replying.stream().map(this::route).toList());
        for (String routeKey : replying) {
            assertThat(parley.properties(route(routeKey))).as(routeKey)
                    .containsEntry("RouteResponseSelectionExpression", "$default");
        }
    }

    @Test
    void api_gateway_may_invoke_every_alias_it_routes_to() {
        List<String> invokable = parley.idsOfType("AWS::Lambda::Permission").stream()
                .map(parley::properties)
                .filter(permission -> "apigateway.amazonaws.com".equals(permission.get("Principal")))
                .map(permission -> parley.handlerInvokedThrough(permission.get("FunctionName")))
                .toList();

        // One permission per route (each names its route key) plus the authorizer's.
        List<String> expected = new ArrayList<>(HANDLER_BY_ROUTE.values());
        expected.add("AuthorizerHandler");
        assertThat(invokable).containsExactlyInAnyOrderElementsOf(expected);
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
