package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** getConversation. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetConversationRequest(String conversationId) {
}
