package dev.parley.client;

import dev.parley.model.Limits;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Every member of a conversation, read with {@code listMembers} page after page (100 a page): a
 * large group's sync and {@code getConversation} list none or only the first page (docs/protocol.md,
 * Tiers), so this is how a device learns all of them, e.g. to hand its sender key to each.
 * A large group's pages come from an eventually consistent index: a member who joined a moment ago
 * may be missing, one who left a moment ago still listed.
 */
public final class Members {
    private final ParleyApi api;

    public Members(ParleyApi api) {
        this.api = api;
    }

    /** Every member, ordered by user id; fails with the first page's failure (NOT_FOUND when not a member). */
    public CompletableFuture<List<MemberInfo>> all(String conversationId) {
        return from(conversationId, (String) null, new ArrayList<>());
    }

    /** The members' user ids, ordered. */
    public CompletableFuture<List<String>> userIds(String conversationId) {
        return listed(conversationId).thenApply(Listed::userIds);
    }

    /** The members' user ids, ordered, with the membership epoch of the first page (null from a server without epochs). */
    public CompletableFuture<Listed> listed(String conversationId) {
        return api.listMembers(conversationId, null, Limits.MAX_MEMBERS_PAGE).thenCompose(first ->
                from(conversationId, first, new ArrayList<>()).thenApply(members -> new Listed(
                        members.stream().map(MemberInfo::userId).collect(Collectors.toList()), first.membersEpoch())));
    }

    /**
     * A member list and the epoch it holds at least: the first page's, read before any page, so a change
     * while paging leaves the list at an older epoch than the group's and the next send naming it is refused.
     */
    public record Listed(List<String> userIds, Long membersEpoch) {
        public Listed {
            userIds = List.copyOf(userIds);
        }
    }

    private CompletableFuture<List<MemberInfo>> from(String conversationId, String after, List<MemberInfo> so) {
        return api.listMembers(conversationId, after, Limits.MAX_MEMBERS_PAGE).thenCompose(page -> from(conversationId, page, so));
    }

    private CompletableFuture<List<MemberInfo>> from(String conversationId, ListMembersReply page, List<MemberInfo> so) {
        so.addAll(page.members());
        return more(page) ? from(conversationId, page.members().get(page.members().size() - 1).userId(), so)
                : CompletableFuture.completedFuture(List.copyOf(so));
    }

    private static boolean more(ListMembersReply page) {
        return page.hasMore() && !page.members().isEmpty();
    }
}
