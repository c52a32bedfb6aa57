package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** listInvites: a page of a group's invites by id, after {@code afterInviteId} when given. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListInvitesRequest(String conversationId, Long afterInviteId, Integer limit) {
}
