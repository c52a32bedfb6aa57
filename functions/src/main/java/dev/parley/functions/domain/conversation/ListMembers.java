package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.user.UserIds;
import dev.parley.model.Limits;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.MemberInfo;

import java.util.List;
import java.util.Map;

/**
 * Use case: a page of a conversation's members with their roles, by user id. Members only. A
 * small conversation's page comes from its header (the read that checks membership); a large
 * one's from its rows' index, one Query of keys (about 0.5 read units per 100 members, modelled:
 * a key-only index entry is under 100 bytes), roles from the header's admins. A large one's
 * page carries the header's membership epoch, read before the rows: a change during paging moves
 * the epoch past the one the client holds, so its next sender-key send is refused and it lists again.
 */
public final class ListMembers {
    static final int DEFAULT_PAGE = Limits.MAX_MEMBERS_PAGE;

    private final ConversationRepository repository;
    private final MemberNames names;

    public ListMembers(ConversationRepository repository, MemberNames names) {
        this.repository = repository;
        this.names = names;
    }

    public ListMembersReply list(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        int limit = command.limit() == null ? DEFAULT_PAGE : command.limit();
        if (limit < 1 || limit > Limits.MAX_MEMBERS_PAGE) {
            throw RequestFields.badRequest("Field \"limit\" must be 1 to " + Limits.MAX_MEMBERS_PAGE + ".");
        }
        String after = command.afterUserId() == null ? null
                : UserIds.require(List.of(command.afterUserId()), "afterUserId").iterator().next();
        Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.EVENTUAL);
        return named(page(repository, conversation, after, limit));
    }

    /** The page with each member's username where known: one batched read of the page's ids. */
    private ListMembersReply named(ListMembersReply page) {
        if (page.members().isEmpty()) {
            return page;
        }
        Map<String, String> usernames = names.usernames(page.members().stream().map(MemberInfo::userId).toList());
        return new ListMembersReply(page.conversationId(), page.members().stream()
                .map(member -> new MemberInfo(member.userId(), member.role(), usernames.get(member.userId())))
                .toList(), page.hasMore(), page.membersEpoch());
    }

    /** The members after {@code afterUserId} (null: from the first), at most {@code limit}. */
    static ListMembersReply page(ConversationRepository repository, Conversation conversation, String afterUserId, int limit) {
        List<String> userIds;
        boolean hasMore;
        if (conversation.large()) {
            ConversationRepository.MemberPage page = repository.members(conversation.conversationId(), afterUserId, limit);
            userIds = page.userIds();
            hasMore = page.hasMore();
        } else {
            List<String> rest = conversation.memberList().stream().map(MemberInfo::userId)
                    .filter(userId -> afterUserId == null || userId.compareTo(afterUserId) > 0)
                    .toList();
            userIds = rest.subList(0, Math.min(limit, rest.size()));
            hasMore = rest.size() > limit;
        }
        List<MemberInfo> members = userIds.stream()
                .map(userId -> new MemberInfo(userId, conversation.roleOf(userId).value()))
                .toList();
        return new ListMembersReply(conversation.conversationId(), members, hasMore,
                conversation.large() ? conversation.membersEpoch() : null);
    }

    /** What the caller asks for: the {@code listMembers} action's fields, as the handler read them. */
    public record Command(String conversationId, String afterUserId, Integer limit) {
    }
}
