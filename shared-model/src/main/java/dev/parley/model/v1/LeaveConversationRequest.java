package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** leaveConversation (groups only). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaveConversationRequest(String conversationId) {
}
