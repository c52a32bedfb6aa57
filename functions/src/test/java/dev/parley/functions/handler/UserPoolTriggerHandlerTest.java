package dev.parley.functions.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.user.InMemoryUserDirectory;
import dev.parley.functions.domain.user.RegisterUserProfile;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.functions.domain.user.UserProfile;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cognito's trigger events, as the Lambda runtime reads them, make the user findable and named; the event goes back unchanged. */
class UserPoolTriggerHandlerTest {
    private static final String DANA = "9d2f4e61-7c3a-4b1e-8f20-5a6b7c8d9e01";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryUserDirectory directory = new InMemoryUserDirectory();
    private final UserPoolTriggerHandler handler = new UserPoolTriggerHandler(new RegisterUserProfile(directory));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String fixture) {
        return LambdaJson.event(fixture, Map.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"post-confirmation.json", "post-authentication.json"})
    void a_confirmed_or_signed_in_user_is_findable_by_username_and_named_by_id(String fixture) {
        Map<String, Object> event = event(fixture);
        Map<String, Object> sent = new HashMap<>(event);

        Map<String, Object> answer = handler.handleRequest(event, null);

        assertThat(directory.find(List.of("dana"))).containsExactly(new UserProfile("dana", DANA, "dana"));
        assertThat(directory.usernames(List.of(DANA))).as("listMembers names dana before her first connect")
                .isEqualTo(Map.of(DANA, "dana"));
        assertThat(answer).isEqualTo(sent);
    }

    @Test
    void through_the_lambda_entry_the_event_goes_back_byte_for_byte_as_json() {
        String sent = LambdaJson.fixture("post-confirmation.json");

        JsonNode answer = LambdaJson.invoke(handler, sent);

        assertThat(answer).isEqualTo(LambdaJson.fixtureJson("post-confirmation.json"));
        assertThat(directory.find(List.of("dana"))).containsExactly(new UserProfile("dana", DANA, "dana"));
    }

    @Test
    void another_trigger_source_writes_nothing() {
        Map<String, Object> event = event("post-confirmation.json");
        event.put("triggerSource", "PreSignUp_SignUp");

        assertThat(handler.handleRequest(event, null)).isSameAs(event);
        assertThat(directory.find(List.of("dana"))).isEmpty();
        assertThat(logs.lines().getLast().get("message").asText()).isEqualTo("user pool trigger ignored");
    }

    @Test
    void a_directory_outage_is_logged_and_never_blocks_the_sign_in() {
        UserDirectory down = new UserDirectory() {
            @Override
            public void register(String username, String userId) {
                throw new IllegalStateException("users table unreachable");
            }

            @Override
            public void remove(String username, String userId) {
                throw new IllegalStateException("users table unreachable");
            }

            @Override
            public List<UserProfile> find(Collection<String> usernames) {
                return List.of();
            }

            @Override
            public java.util.Map<String, String> usernames(Collection<String> userIds) {
                throw new IllegalStateException("users table unreachable");
            }
        };
        Map<String, Object> event = event("post-authentication.json");

        assertThat(new UserPoolTriggerHandler(new RegisterUserProfile(down)).handleRequest(event, null)).isSameAs(event);
        JsonNode line = logs.lines().getLast();
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("message").asText()).isEqualTo("user not registered in the directory");
        assertThat(line.get("userId").asText()).isEqualTo(DANA);
    }
}
