package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** setRole: make a member of a group {@code admin} or {@code member} again, or hand the group over ({@code owner}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetRoleRequest(String conversationId, String userId, String role) {
}
