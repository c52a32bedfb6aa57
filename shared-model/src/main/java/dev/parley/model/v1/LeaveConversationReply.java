package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** leaveConversation reply. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaveConversationReply(String conversationId) {
}
