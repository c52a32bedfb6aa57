package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** removeMembers (admins of a group only). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoveMembersRequest(String conversationId, List<String> userIds) {
}
