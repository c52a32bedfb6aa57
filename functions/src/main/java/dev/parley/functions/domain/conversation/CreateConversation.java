package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.user.UserIds;
import dev.parley.model.Limits;
import dev.parley.model.v1.CreateConversationReply;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: start a conversation.
 *
 * <ul>
 *   <li><b>Direct</b>: the caller and exactly one other user. Its id is derived from the pair, and
 *       it is stored only if absent, so creating it again, from either side and even at the same
 *       moment, returns the one that exists with {@code created: false}, as it is: with its own
 *       {@code e2ee}, whatever this request asked for. It has no title and no admins.</li>
 *   <li><b>Group</b>: the caller, who becomes its admin, plus the named users, at most
 *       {@value Limits#MAX_MEMBERS} in all.</li>
 * </ul>
 * Users are not checked for existence: ids come from findUsers, and an id nobody has only never
 * receives anything.
 */
public final class CreateConversation {
    private final ConversationRepository repository;
    private final ConversationEvents events;
    private final Clock clock;

    public CreateConversation(ConversationRepository repository, ConversationEvents events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    public CreateConversationReply create(Actor actor, Command command) {
        Kind kind = Kind.of(RequestFields.required(command.kind(), "kind"))
                .orElseThrow(() -> RequestFields.badRequest("Field \"kind\" must be \"direct\" or \"group\"."));
        Set<String> others = new LinkedHashSet<>(UserIds.require(command.members(), "members"));
        others.remove(actor.userId());
        boolean e2ee = Boolean.TRUE.equals(command.e2ee());
        return kind == Kind.DIRECT ? direct(actor, others, command.title(), e2ee) : group(actor, others, command.title(), e2ee);
    }

    private CreateConversationReply direct(Actor actor, Set<String> others, String title, boolean e2ee) {
        if (title != null) {
            throw RequestFields.badRequest("A direct conversation has no title; create a group to name it.");
        }
        if (others.size() != 1) {
            throw RequestFields.badRequest("A direct conversation is between you and exactly one other user: "
                    + "name that one user in \"members\".");
        }
        String other = others.iterator().next();
        Conversation conversation = Conversation.created(ConversationId.direct(actor.userId(), other), Kind.DIRECT,
                null, e2ee, Set.of(actor.userId(), other), Set.of(), clock.instant(), actor.userId());
        return MemberAccess.untilApplied(() -> {
            if (repository.create(conversation) == Outcome.APPLIED) {
                events.created(conversation, actor);
                return Optional.of(new CreateConversationReply(conversation.summaryFor(actor.userId(), 0), true));
            }
            // Refused: it exists, or a concurrent creation of the same pair is under way and is read next time.
            return repository.find(conversation.conversationId(), Consistency.STRONG).map(existing ->
                    new CreateConversationReply(MemberAccess.summaryFor(repository, existing, actor.userId()), false));
        });
    }

    private CreateConversationReply group(Actor actor, Set<String> others, String title, boolean e2ee) {
        if (title != null && (title.isBlank() || title.codePointCount(0, title.length()) > Limits.MAX_TITLE_CHARS)) {
            throw RequestFields.badRequest("Field \"title\" must be 1 to " + Limits.MAX_TITLE_CHARS + " characters, not blank.");
        }
        Set<String> members = new LinkedHashSet<>(others);
        members.add(actor.userId());
        GroupRules.requireE2eeGroupSize(e2ee, members.size());
        if (members.size() > Limits.MAX_MEMBERS) {
            throw new FailureException(new Failure.LimitExceeded("A group has at most " + Limits.MAX_MEMBERS
                    + " members, you included; this one would have " + members.size() + "."));
        }
        Conversation conversation = Conversation.created(ConversationId.newGroup(), Kind.GROUP, title, e2ee,
                members, Set.of(actor.userId()), clock.instant(), actor.userId());
        if (repository.create(conversation) != Outcome.APPLIED) {
            throw new IllegalStateException("a new random group id is already taken: " + conversation.conversationId());
        }
        events.created(conversation, actor);
        return new CreateConversationReply(conversation.summaryFor(actor.userId(), 0), true);
    }

    /** What the caller asks for: the {@code createConversation} action's fields, as the handler read them. */
    public record Command(String kind, List<String> members, String title, Boolean e2ee) {
    }
}
