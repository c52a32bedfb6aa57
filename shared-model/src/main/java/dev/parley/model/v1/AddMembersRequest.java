package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** addMembers (admins of a group only). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AddMembersRequest(String conversationId, List<String> userIds) {
}
