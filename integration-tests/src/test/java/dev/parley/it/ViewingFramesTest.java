package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ViewConversationReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The frames the server encodes for viewConversation and conversationActivity match docs/asyncapi.yaml. Needs no stack. */
class ViewingFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = "g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b";
    private final ProtocolSchemas schemas = ProtocolSchemas.instance();
    private final ProtocolCodec codec = ProtocolCodec.instance();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void the_encoded_replies_and_event_pass_and_wrong_ones_fail() throws Exception {
        assertThat(schemas.messageViolations("viewConversationReply",
                tree(codec.encode(codec.reply("24", new ViewConversationReply(TEAM, 60_000)))))).isEmpty();
        assertThat(schemas.messageViolations("viewConversationReply",
                tree(codec.encode(codec.reply("25", new ViewConversationReply(null, 0)))))).isEmpty();
        assertThat(schemas.messageViolations("conversationActivityEvent",
                tree(codec.encode(codec.event(Actions.CONVERSATION_ACTIVITY_EVENT, new ConversationActivityEvent(TEAM, 1207, 3)))))).isEmpty();

        assertThat(schemas.messageViolations("conversationActivityEvent",
                tree("{\"type\":\"conversationActivity\",\"conversationId\":\"" + TEAM + "\",\"seq\":5,\"unreadHint\":0}")))
                .as("an unread hint below 1").isNotEmpty();
        assertThat(schemas.messageViolations("viewConversationRequest",
                tree("{\"action\":\"viewConversation\",\"requestId\":\"1\",\"conversationId\":\"" + TEAM + "\",\"ttlSeconds\":301}")))
                .as("a TTL over 300 s").isNotEmpty();
        assertThat(schemas.messageViolations("viewConversationRequest",
                tree("{\"action\":\"viewConversation\",\"requestId\":\"1\",\"conversationId\":\"team\"}")))
                .as("a malformed conversation id").isNotEmpty();
        assertThat(schemas.messageViolations("viewConversationRequest",
                tree("{\"action\":\"viewConversation\",\"requestId\":\"1\",\"conversationId\":null}"))).isEmpty();
    }
}
