package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * listMembers reply: members ordered by user id; {@code hasMore} when more follow the last one listed.
 *
 * @param membersEpoch a large group's membership epoch, read before the page: a list whose pages all carry the
 *                     epoch a sender-key send names is the membership the server checks it against (docs/protocol/e2ee.md);
 *                     absent for a small conversation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListMembersReply(String conversationId, List<MemberInfo> members, boolean hasMore, Long membersEpoch) {

    /** A page without an epoch: a small conversation's. */
    public ListMembersReply(String conversationId, List<MemberInfo> members, boolean hasMore) {
        this(conversationId, members, hasMore, null);
    }
}
