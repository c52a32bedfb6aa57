package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One invite link as listInvites shows it (never its secret). Times in epoch ms. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InviteInfo(long inviteId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses, boolean revoked) {
}
