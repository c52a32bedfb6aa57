package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** listMembers reply: members ordered by user id; {@code hasMore} when more follow the last one listed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListMembersReply(String conversationId, List<MemberInfo> members, boolean hasMore) {
}
