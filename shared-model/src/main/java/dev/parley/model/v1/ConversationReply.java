package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** addMembers / removeMembers reply: the conversation after the change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationReply(ConversationSummary conversation) {
}
