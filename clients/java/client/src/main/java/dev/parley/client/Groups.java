package dev.parley.client;

import dev.parley.client.store.ParleyStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.client.sync.Summaries;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateInviteReply;
import dev.parley.model.v1.CreateInviteRequest;
import dev.parley.model.v1.InviteInfo;
import dev.parley.model.v1.JoinByInviteRequest;
import dev.parley.model.v1.ListInvitesReply;
import dev.parley.model.v1.ListInvitesRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.RevokeInviteReply;
import dev.parley.model.v1.RevokeInviteRequest;
import dev.parley.model.v1.SetRoleRequest;
import dev.parley.model.v1.UpdateGroupRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group administration and invite links ({@code client.groups()}): roles, title, announcement
 * groups, adding and removing members, and invites (docs/protocol.md#roles, #invite-links).
 * Every future that answers with a summary of a conversation the device holds completes once the
 * store holds it (title, role, tier, member count, post policy), so the app's views read the new
 * state; one the device does not hold yet comes complete by the sync this starts. A refusal fails the future
 * with a {@link GroupRefusal} whose {@link GroupRefusal#reason() reason} says why; retryable
 * failures stay {@link ParleyException}s of their own kind.
 */
public final class Groups {
    /** A member's role in a group. */
    public enum Role {
        OWNER, ADMIN, MEMBER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The role a summary names; null for none (or one this SDK does not know). */
        public static Role of(String wire) {
            for (Role role : values()) {
                if (role.wire().equals(wire)) {
                    return role;
                }
            }
            return null;
        }
    }

    /** Who may send messages in a group: everyone, or only admins (an announcement group). */
    public enum PostPolicy {
        EVERYONE, ADMINS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** listInvites' largest page (docs/protocol.md#invite-links). */
    private static final int INVITES_PAGE = 100;

    private final ParleyApi api;
    private final ParleyStore store;
    private final Summaries summaries;

    Groups(ParleyApi api, ParleyStore store, Summaries summaries) {
        this.api = api;
        this.store = store;
        this.summaries = summaries;
    }

    /** Makes a member admin or member again (owner, or admins of a group without one), or hands the group over ({@link Role#OWNER}). */
    public CompletableFuture<ConversationSummary> setRole(String conversationId, String userId, Role role) {
        return summary(Actions.SET_ROLE, new SetRoleRequest(conversationId, userId, role.wire()));
    }

    /** A new title and/or post policy (null: unchanged; at least one). Admins only. */
    public CompletableFuture<ConversationSummary> updateGroup(String conversationId, String title, PostPolicy postPolicy) {
        return summary(Actions.UPDATE_GROUP, new UpdateGroupRequest(conversationId, title,
                postPolicy == null ? null : postPolicy.wire()));
    }

    /**
     * Adds the users, {@value Limits#MAX_ADD_MEMBERS} a request, one request after the other;
     * answers with the summary after the last. Each request is all or nothing, and users already
     * members are left as they are, so after a failure the whole call may be repeated as it was.
     *
     * @throws IllegalArgumentException when {@code userIds} is empty (the server refuses that as BAD_REQUEST)
     */
    public CompletableFuture<ConversationSummary> addMembers(String conversationId, List<String> userIds) {
        return inPages(userIds, Limits.MAX_ADD_MEMBERS, page -> summary(Actions.ADD_MEMBERS, new AddMembersRequest(conversationId, page)));
    }

    /** Removes the users (never the owner; yourself: leaveConversation), in requests of {@value Limits#MAX_REMOVE_MEMBERS}. */
    public CompletableFuture<ConversationSummary> removeMembers(String conversationId, List<String> userIds) {
        return inPages(userIds, Limits.MAX_REMOVE_MEMBERS,
                page -> summary(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(conversationId, page)));
    }

    /**
     * A new invite link; its {@code token} is in this reply only (the server keeps its hash).
     *
     * @param expiresIn null for the server's 7 days (at most 30 days, whole seconds)
     * @param maxUses   null for the server's 10,000
     */
    public CompletableFuture<CreateInviteReply> createInvite(String conversationId, Duration expiresIn, Integer maxUses) {
        return typed(api.request(Actions.CREATE_INVITE, new CreateInviteRequest(conversationId,
                expiresIn == null ? null : expiresIn.getSeconds(), maxUses), CreateInviteReply.class), false);
    }

    /**
     * Joins the group the token names as a member (a retry when already one changes nothing).
     * The conversation reaches the store through the sync this starts.
     */
    public CompletableFuture<ConversationSummary> joinByInvite(String token) {
        return typed(api.request(Actions.JOIN_BY_INVITE, new JoinByInviteRequest(token), ConversationReply.class), true)
                .thenCompose(reply -> summaries.put(reply.conversation()));
    }

    /** Ends any invite link of the group; revoking again changes nothing. */
    public CompletableFuture<RevokeInviteReply> revokeInvite(String conversationId, long inviteId) {
        return typed(api.request(Actions.REVOKE_INVITE, new RevokeInviteRequest(conversationId, inviteId),
                RevokeInviteReply.class), false);
    }

    /** One page of the group's invites by id, after {@code afterInviteId} (null: from the first); {@code limit} 1 to 100. */
    public CompletableFuture<ListInvitesReply> invites(String conversationId, Long afterInviteId, Integer limit) {
        return typed(api.request(Actions.LIST_INVITES, new ListInvitesRequest(conversationId, afterInviteId, limit),
                ListInvitesReply.class), false);
    }

    /** Every invite of the group, paged 100 at a time until the server says there are no more. */
    public CompletableFuture<List<InviteInfo>> allInvites(String conversationId) {
        return collect(conversationId, null, new ArrayList<>());
    }

    /** Fetches the summary (getConversation) into the store: for a large group, whose role and settings changes tell nobody. */
    public CompletableFuture<ConversationSummary> refresh(String conversationId) {
        return typed(summaries.refresh(conversationId), false);
    }

    /** The user's role in the conversation as the store holds it; empty when it is not held. */
    public Optional<Role> role(String conversationId) {
        return store.conversation(conversationId).map(held -> Role.of(held.summary().role()));
    }

    /**
     * Whether the user may post, as far as the store knows: false only in an announcement group
     * where the user is a plain member. The server decides: a send it refuses is STUCK with
     * FORBIDDEN ({@link GroupRefusal#of(dev.parley.client.store.OutboxEntry.Stuck)}).
     */
    public boolean mayPost(String conversationId) {
        Optional<StoredConversation> held = store.conversation(conversationId);
        return !held.isPresent() || !PostPolicy.ADMINS.wire().equals(held.get().summary().postPolicy())
                || Role.of(held.get().summary().role()) != Role.MEMBER;
    }

    private CompletableFuture<List<InviteInfo>> collect(String conversationId, Long after, List<InviteInfo> all) {
        return invites(conversationId, after, INVITES_PAGE).thenCompose(page -> {
            all.addAll(page.invites());
            if (!page.hasMore() || page.invites().isEmpty()) {
                return CompletableFuture.completedFuture(all);
            }
            return collect(conversationId, page.invites().get(page.invites().size() - 1).inviteId(), all);
        });
    }

    private CompletableFuture<ConversationSummary> inPages(List<String> userIds, int perRequest,
                                                           Function<List<String>, CompletableFuture<ConversationSummary>> send) {
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one user");
        }
        List<String> ids = List.copyOf(userIds);
        CompletableFuture<ConversationSummary> chain = send.apply(ids.subList(0, Math.min(perRequest, ids.size())));
        for (int from = perRequest; from < ids.size(); from += perRequest) {
            List<String> page = ids.subList(from, Math.min(from + perRequest, ids.size()));
            chain = chain.thenCompose(previous -> send.apply(page));
        }
        return chain;
    }

    private CompletableFuture<ConversationSummary> summary(String action, Object request) {
        return typed(api.request(action, request, ConversationReply.class), false)
                .thenCompose(reply -> summaries.put(reply.conversation()));
    }

    /** The future with a refusal's failure made a {@link GroupRefusal} (Android API 26 has no exceptionallyCompose). */
    private static <T> CompletableFuture<T> typed(CompletableFuture<T> request, boolean joining) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        request.whenComplete((reply, error) -> {
            if (error == null) {
                answer.complete(reply);
            } else {
                answer.completeExceptionally(GroupRefusal.of(error, joining));
            }
        });
        return answer;
    }
}
