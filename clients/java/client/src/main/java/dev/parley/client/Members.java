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
        return from(conversationId, null, new ArrayList<>());
    }

    /** The members' user ids, ordered. */
    public CompletableFuture<List<String>> userIds(String conversationId) {
        return all(conversationId).thenApply(members -> members.stream().map(MemberInfo::userId).collect(Collectors.toList()));
    }

    private CompletableFuture<List<MemberInfo>> from(String conversationId, String after, List<MemberInfo> so) {
        return api.listMembers(conversationId, after, Limits.MAX_MEMBERS_PAGE).thenCompose(page -> {
            so.addAll(page.members());
            return more(page) ? from(conversationId, page.members().get(page.members().size() - 1).userId(), so)
                    : CompletableFuture.completedFuture(List.copyOf(so));
        });
    }

    private static boolean more(ListMembersReply page) {
        return page.hasMore() && !page.members().isEmpty();
    }
}
