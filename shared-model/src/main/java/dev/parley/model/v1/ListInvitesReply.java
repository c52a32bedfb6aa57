package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** listInvites reply: invites ordered by id; {@code hasMore} when more follow the last one listed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListInvitesReply(String conversationId, List<InviteInfo> invites, boolean hasMore) {
}
