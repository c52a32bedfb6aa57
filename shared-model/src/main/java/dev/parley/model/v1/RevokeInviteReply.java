package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** revokeInvite reply: the invite is revoked (also when it already was). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokeInviteReply(String conversationId, long inviteId, boolean revoked) {
}
