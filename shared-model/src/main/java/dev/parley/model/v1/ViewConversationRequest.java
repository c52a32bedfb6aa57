package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * viewConversation: this socket shows {@code conversationId} now, for {@code ttlSeconds} (default 60,
 * at most 300) unless sent again; a {@code conversationId} of null (or none) stops viewing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewConversationRequest(String conversationId, Integer ttlSeconds) {
}
