package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.model.Limits;
import dev.parley.model.v1.CreateInviteReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Use case: an admin of a group makes an invite link, valid for {@value #DEFAULT_SECONDS} seconds (7 days) unless
 * asked otherwise (1 s to {@value #MAX_SECONDS} s, 30 days) and for {@value Limits#MAX_LARGE_MEMBERS} joins unless
 * asked fewer. The token is in the reply only: the store keeps the secret's hash.
 */
public final class CreateInvite {
    static final long DEFAULT_SECONDS = 7 * 24 * 3600;
    static final long MAX_SECONDS = 30 * 24 * 3600;

    private final ConversationRepository repository;
    private final Invites invites;
    private final Clock clock;

    public CreateInvite(ConversationRepository repository, Invites invites, Clock clock) {
        this.repository = repository;
        this.invites = invites;
        this.clock = clock;
    }

    public CreateInviteReply create(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        long seconds = command.expiresInSeconds() == null ? DEFAULT_SECONDS : command.expiresInSeconds();
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw RequestFields.badRequest("Field \"expiresInSeconds\" must be from 1 to " + MAX_SECONDS + " (30 days).");
        }
        int maxUses = command.maxUses() == null ? Limits.MAX_LARGE_MEMBERS : command.maxUses();
        if (maxUses < 1 || maxUses > Limits.MAX_LARGE_MEMBERS) {
            throw RequestFields.badRequest("Field \"maxUses\" must be from 1 to " + Limits.MAX_LARGE_MEMBERS + ".");
        }
        InviteAdmin.require(repository, actor, conversationId);
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            InviteToken token = InviteToken.newFor(conversationId);
            Invite invite = new Invite(conversationId, token.inviteId(), token.secretHash(), actor.userId(), now,
                    now.plus(Duration.ofSeconds(seconds)), maxUses, 0, false);
            if (invites.create(invite) == Outcome.APPLIED) {
                return new CreateInviteReply(token.value(), invite.inviteId(), invite.expiresAt().toEpochMilli(), maxUses);
            }
        }
        throw new FailureException(new Failure.Unavailable("invites (id collisions)"));
    }

    /** What the caller asks for: the {@code createInvite} action's fields, as the handler read them. */
    public record Command(String conversationId, Long expiresInSeconds, Integer maxUses) {
    }
}
