package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** Event {@code typing}: {@code state} "typing" expires after {@code expiresInMs} unless refreshed; "stopped" ends it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TypingEvent(String conversationId, String userId, String state, long expiresInMs) {
}
