package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** listMembers: a page of a conversation's members by user id, after {@code afterUserId} when given. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListMembersRequest(String conversationId, String afterUserId, Integer limit) {
}
