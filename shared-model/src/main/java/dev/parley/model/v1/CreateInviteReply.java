package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** createInvite reply: the token to hand out (shown once: only its hash is stored), its expiry in epoch ms. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateInviteReply(String token, long inviteId, long expiresAt, int maxUses) {
}
