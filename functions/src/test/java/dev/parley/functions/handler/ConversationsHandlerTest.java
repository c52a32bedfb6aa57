package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.CreateInvite;
import dev.parley.functions.domain.conversation.JoinByInvite;
import dev.parley.functions.domain.conversation.ListInvites;
import dev.parley.functions.domain.conversation.RevokeInvite;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.ListMembers;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.conversation.SetRole;
import dev.parley.functions.domain.conversation.UpdateGroup;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.functions.domain.user.InMemoryUserDirectory;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation actions' function on AWS-shaped events, over in-memory stores. */
class ConversationsHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    /** The caller, as the fixture's authorizer context names them. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final ConversationsHandler handler;

    ConversationsHandlerTest() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ConversationEvents events = new ConversationEvents(new FanOut(userIds -> List.of(), new RecordingEventPublisher()));
        handler = new ConversationsHandler(new ConversationsHandler.UseCases(
                new FindUsers(users, new PerMinuteLimit("findUsers", 30, new InMemoryRateLimiter(), clock)),
                new CreateConversation(conversations, events, clock),
                new GetConversation(conversations),
                new ListConversations(conversations),
                new AddMembers(conversations, events, clock),
                new RemoveMembers(conversations, events),
                new LeaveConversation(conversations, events),
                new ListMembers(conversations, users::usernames), new SetRole(conversations, events), new UpdateGroup(conversations, events),
                new ConversationsHandler.InviteLinks(new CreateInvite(conversations, conversations.invites, clock),
                        new JoinByInvite(conversations, conversations.invites, events, clock),
                        new RevokeInvite(conversations, conversations.invites), new ListInvites(conversations, conversations.invites))));
        users.register("bob", "bob-id");
    }

    /** The frame the calling socket gets back for {@code body} on route {@code route}. */
    private JsonNode answer(String route, String body) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(route);
        event.setBody(body);
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return LambdaJson.frame(response);
    }

    private JsonNode answer(String action, String requestId, String fields) {
        return answer(action, "{\"action\":\"" + action + "\",\"requestId\":\"" + requestId + "\"" + fields + "}");
    }

    private String newGroup(String members) {
        return answer("createConversation", "c", ",\"kind\":\"group\",\"members\":" + members)
                .at("/conversation/conversationId").asText();
    }

    @Test
    void a_create_is_answered_on_the_same_socket_with_the_summary_and_the_request_id() {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);

        JsonNode reply = answer("createConversation", event.getBody());

        assertThat(reply.get("type").asText()).isEqualTo("reply");
        assertThat(reply.get("requestId").asText()).isEqualTo("r-1");
        assertThat(reply.get("created").asBoolean()).isTrue();
        assertThat(reply.at("/conversation/title").asText()).isEqualTo("Weekend");
        assertThat(reply.at("/conversation/role").asText()).isEqualTo("owner");
        assertThat(reply.at("/conversation/memberCount").asInt()).isEqualTo(3);
    }

    @Test
    void every_route_reaches_its_own_action() {
        String id = newGroup("[\"bob\"]");
        String withId = ",\"conversationId\":\"" + id + "\"";

        assertThat(answer("findUsers", "1", ",\"usernames\":[\"bob\"]").at("/users/0/userId").asText()).isEqualTo("bob-id");
        assertThat(answer("getConversation", "2", withId).get("members")).hasSize(2);
        assertThat(answer("listConversations", "3", "").get("conversations")).hasSize(1);
        assertThat(answer("addMembers", "4", withId + ",\"userIds\":[\"carol\"]").at("/conversation/memberCount").asInt()).isEqualTo(3);
        assertThat(answer("removeMembers", "5", withId + ",\"userIds\":[\"bob\"]").at("/conversation/memberCount").asInt()).isEqualTo(2);
        assertThat(answer("leaveConversation", "6", withId).get("conversationId").asText()).isEqualTo(id);
    }

    @Test
    void a_member_page_names_each_member_whose_username_the_directory_knows_by_id() {
        String id = newGroup("[\"bob-id\"]");

        JsonNode members = answer("listMembers", "1", ",\"conversationId\":\"" + id + "\"").get("members");

        assertThat(members).hasSize(2);
        assertThat(members).filteredOn(member -> member.get("userId").asText().equals("bob-id"))
                .singleElement().satisfies(bob -> assertThat(bob.get("username").asText()).isEqualTo("bob"));
        assertThat(members).filteredOn(member -> member.get("userId").asText().equals(ALICE))
                .singleElement().satisfies(alice -> assertThat(alice.has("username")).as("never connected: no name").isFalse());
    }

    @Test
    void the_caller_is_who_the_authorizer_says_whatever_the_body_claims() {
        String id = newGroup("[]");

        JsonNode reply = answer("getConversation", "1", ",\"conversationId\":\"" + id + "\",\"userId\":\"mallory\"");

        assertThat(reply.get("members").get(0).get("userId").asText()).isEqualTo(ALICE);
    }

    @Test
    void domain_refusals_become_their_documented_error_codes() {
        String direct = answer("createConversation", "c", ",\"kind\":\"direct\",\"members\":[\"bob\"]").at("/conversation/conversationId").asText();
        String unknown = "g_00000000000000000000000000000000";
        List<String> sixtyFour = IntStream.range(0, 64).mapToObj(i -> "\"u" + i + "\"").toList();

        assertThat(answer("getConversation", "1", ",\"conversationId\":\"" + unknown + "\"").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(answer("addMembers", "2", ",\"conversationId\":\"" + direct + "\",\"userIds\":[\"carol\"]").get("code").asText())
                .isEqualTo("BAD_REQUEST");
        assertThat(answer("createConversation", "3", ",\"kind\":\"group\",\"members\":" + sixtyFour).get("code").asText())
                .isEqualTo("LIMIT_EXCEEDED");
        assertThat(answer("createConversation", "4", ",\"kind\":\"group\",\"members\":\"bob\"").get("message").asText())
                .contains("\"members\"");
    }

    @Test
    void a_non_admin_is_forbidden_and_findusers_past_its_rate_is_rate_limited() {
        conversations.create(Conversation.created(
                "g_11111111111111111111111111111111", Kind.GROUP, null, false,
                Set.of("bob-id", ALICE), Set.of("bob-id"), NOW, "bob-id"));

        JsonNode forbidden = answer("addMembers", "1", ",\"conversationId\":\"g_11111111111111111111111111111111\",\"userIds\":[\"carol\"]");
        List<String> admitted = IntStream.range(0, 30)
                .mapToObj(i -> answer("findUsers", "f" + i, ",\"usernames\":[\"bob\"]").get("type").asText()).toList();
        JsonNode limited = answer("findUsers", "f31", ",\"usernames\":[\"bob\"]");

        assertThat(forbidden.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(limited.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.get("requestId").asText()).isEqualTo("f31");
        assertThat(admitted).as("the 30 calls before").containsOnly("reply").hasSize(30);
    }

    @Test
    void a_route_this_function_does_not_serve_is_an_unknown_action() {
        JsonNode reply = answer("sendMessage", "1", ",\"conversationId\":\"g_11111111111111111111111111111111\"");

        assertThat(reply.get("code").asText()).isEqualTo("UNKNOWN_ACTION");
    }

    @Test
    void what_people_asked_for_never_reaches_the_log() {
        answer("findUsers", "1", ",\"usernames\":[\"bob\",\"secret-crush\"]");
        answer("createConversation", "2", ",\"kind\":\"group\",\"members\":[],\"title\":\"Surprise party\"");

        assertThat(logs.text()).doesNotContain("secret-crush").doesNotContain("Surprise party");
        assertThat(logs.lines()).extracting(line -> line.get("message").asText()).containsOnly("request handled");
    }
}
