package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** revokeInvite: an admin ends an invite link; joins by it are refused from then on. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokeInviteRequest(String conversationId, Long inviteId) {
}
