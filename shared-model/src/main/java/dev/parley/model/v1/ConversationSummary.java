package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** A conversation as one member sees it; {@code unreadCount} is lastSeq minus the member's read cursor. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq, long lastActivityAt, long unreadCount, String role) {
}
