package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** createConversation reply; {@code created} is false when the direct conversation already existed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateConversationReply(ConversationSummary conversation, boolean created) {
}
