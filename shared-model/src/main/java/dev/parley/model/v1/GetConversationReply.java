package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** getConversation reply. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetConversationReply(ConversationSummary conversation, List<MemberInfo> members) {
}
