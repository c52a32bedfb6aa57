package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;

import java.util.Objects;
import java.util.Optional;

/**
 * Use case: an admin (the owner is one) renames a group or sets who may post in it ({@code postPolicy}:
 * {@code everyone}, or {@code admins} for an announcement group). One conditional update of the header, on both
 * tiers; asking for what is already set writes nothing. A small group's members get a {@code settingsChanged}
 * event; a large group's learn it from their next getConversation or listConversations (and a refused send).
 */
public final class UpdateGroup {
    private final ConversationRepository repository;
    private final ConversationEvents events;

    public UpdateGroup(ConversationRepository repository, ConversationEvents events) {
        this.repository = repository;
        this.events = events;
    }

    public ConversationReply update(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        if (command.title() == null && command.postPolicy() == null) {
            throw RequestFields.badRequest("Name at least one of \"title\" and \"postPolicy\" to change.");
        }
        String title = command.title();
        if (title != null && (title.isBlank() || title.codePointCount(0, title.length()) > Limits.MAX_TITLE_CHARS)) {
            throw RequestFields.badRequest("Field \"title\" must be 1 to " + Limits.MAX_TITLE_CHARS + " characters, not blank.");
        }
        PostPolicy policy = command.postPolicy() == null ? null : PostPolicy.of(command.postPolicy()).orElseThrow(() ->
                RequestFields.badRequest("Field \"postPolicy\" must be \"everyone\" or \"admins\"."));
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireAdmin(conversation, actor.userId());
            Conversation after = conversation.withSettings(title == null ? conversation.title() : title,
                    policy == null ? conversation.postPolicy() : policy);
            if (Objects.equals(after.title(), conversation.title()) && after.postPolicy() == conversation.postPolicy()) {
                return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId())));
            }
            if (repository.apply(new GroupChange.Settings(conversationId, actor.userId(), title, policy)) != Outcome.APPLIED) {
                return Optional.empty();
            }
            events.settingsChanged(after, actor);
            return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, after, actor.userId())));
        });
    }

    /** What the caller asks for: the {@code updateGroup} action's fields, as the handler read them. */
    public record Command(String conversationId, String title, String postPolicy) {
    }
}
