package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** createInvite: an admin makes an invite link to a group, valid for {@code expiresInSeconds} and {@code maxUses} joins. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateInviteRequest(String conversationId, Long expiresInSeconds, Integer maxUses) {
}
