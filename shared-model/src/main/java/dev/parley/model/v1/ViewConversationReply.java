package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * viewConversation reply: the socket counts as viewing {@code conversationId} for {@code expiresInMs};
 * after a stop, {@code conversationId} is null (absent on the wire) and {@code expiresInMs} 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewConversationReply(String conversationId, long expiresInMs) {
}
