package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** listConversations reply; {@code nextCursor} is absent on the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListConversationsReply(List<ConversationSummary> conversations, String nextCursor) {
}
