package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** muteConversation reply. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MuteConversationReply(String conversationId, boolean muted) {
}
