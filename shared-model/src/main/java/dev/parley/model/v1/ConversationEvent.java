package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Event {@code conversation}: {@code change} is created, membersAdded, membersRemoved, removed, left or accountDeleted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationEvent(String conversationId, String change, String by, List<String> members, ConversationSummary conversation) {
}
