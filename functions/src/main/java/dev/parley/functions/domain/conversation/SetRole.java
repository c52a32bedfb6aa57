package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.user.UserIds;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;

import java.util.List;
import java.util.Optional;

/**
 * Use case: the owner of a group makes a member an admin, makes an admin a member again, or hands the group over
 * ({@code role: "owner"}: the new owner becomes an admin if not one, the old one stays an admin). In a group whose
 * owner left, its admins do what the owner did. One transaction over the header and the rows whose role changes;
 * asking for the role someone already has changes nothing, so a retry is harmless. Works alike on both tiers: the
 * roles are in the header, the target's membership is their row. A small group's members get a {@code roleChanged}
 * event, a large group's only the user concerned.
 */
public final class SetRole {
    private final ConversationRepository repository;
    private final ConversationEvents events;

    public SetRole(ConversationRepository repository, ConversationEvents events) {
        this.repository = repository;
        this.events = events;
    }

    public ConversationReply set(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        String userId = UserIds.require(List.of(RequestFields.required(command.userId(), "userId")), "userId")
                .iterator().next();
        Role role = Role.of(RequestFields.required(command.role(), "role")).orElseThrow(() ->
                RequestFields.badRequest("Field \"role\" must be \"owner\", \"admin\" or \"member\"."));
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireGroup(conversation);
            if (!conversation.mayAppointAdmins(actor.userId())) {
                throw new FailureException(new Failure.Forbidden("Only the owner of group \"" + conversationId
                        + "\" can change its members' roles" + (conversation.isAdmin(actor.userId()) ? "." : "; you are a member.")));
            }
            if (!MemberAccess.isMember(repository, conversation, userId, Consistency.STRONG)) {
                throw RequestFields.badRequest("User \"" + userId + "\" is not a member of this group.");
            }
            if (conversation.roleOf(userId) == role) {
                return Optional.of(reply(conversation, actor));
            }
            GroupChange change = change(conversation, actor, userId, role);
            if (repository.apply(change) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Conversation after = after(conversation, change);
            events.roleChanged(after, userId, actor);
            return Optional.of(reply(after, actor));
        });
    }

    private static GroupChange change(Conversation conversation, Actor actor, String userId, Role role) {
        String id = conversation.conversationId();
        if (role == Role.OWNER) {
            if (!conversation.isOwner(actor.userId())) {
                throw new FailureException(new Failure.Forbidden("Only the owner of group \"" + id
                        + "\" can hand it over" + (conversation.owner() == null ? "; it has no owner since its owner left." : ".")));
            }
            return new GroupChange.Transfer(id, actor.userId(), userId);
        }
        if (conversation.isOwner(userId)) {
            throw RequestFields.badRequest("The owner is always an admin: hand the group over (role \"owner\") first.");
        }
        if (role == Role.ADMIN && conversation.admins().size() >= Limits.MAX_ADMINS) {
            throw new FailureException(new Failure.LimitExceeded("A group has at most " + Limits.MAX_ADMINS
                    + " admins, its owner included; make one a member first."));
        }
        if (role == Role.MEMBER && conversation.admins().size() <= 1) {
            throw RequestFields.badRequest("A group keeps at least one admin: make another member admin first.");
        }
        return new GroupChange.SetRole(id, actor.userId(), conversation.isOwner(actor.userId()), userId, role, Limits.MAX_ADMINS);
    }

    private static Conversation after(Conversation conversation, GroupChange change) {
        return switch (change) {
            case GroupChange.Transfer transfer -> conversation.withOwner(transfer.userId());
            case GroupChange.SetRole setRole -> conversation.withRole(setRole.userId(), setRole.role());
            case GroupChange.Settings ignored -> conversation;
        };
    }

    private ConversationReply reply(Conversation conversation, Actor actor) {
        return new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId()));
    }

    /** What the caller asks for: the {@code setRole} action's fields, as the handler read them. */
    public record Command(String conversationId, String userId, String role) {
    }
}
