package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** muteConversation: {@code muted} true silences pushes for this conversation on all the user's devices; false restores them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MuteConversationRequest(String conversationId, Boolean muted) {
}
