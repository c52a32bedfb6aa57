package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** joinByInvite: join the group an invite token names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinByInviteRequest(String token) {
}
