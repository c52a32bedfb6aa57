package dev.parley.functions.domain.push;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.v1.MuteConversationReply;

import java.time.Clock;

/**
 * Use case (muteConversation): silences or restores pushes of one conversation on all the
 * caller's devices. Live delivery and sync are unchanged. Stored on the caller's membership row
 * ({@code mutedUntil}), so leaving the conversation forgets it; a non-member gets NOT_FOUND.
 */
public final class MuteConversation {
    private final Inboxes inboxes;
    private final Clock clock;

    public MuteConversation(Inboxes inboxes, Clock clock) {
        this.inboxes = inboxes;
        this.clock = clock;
    }

    public MuteConversationReply mute(Actor actor, Command command) {
        String conversationId = RequestFields.required(command.conversationId(), "conversationId");
        boolean muted = RequestFields.required(command.muted(), "muted");
        if (!inboxes.mute(actor.userId(), conversationId, muted ? Inboxes.MUTED_FOREVER : 0, clock.instant())) {
            throw new FailureException(new Failure.ConversationNotFound(conversationId));
        }
        return new MuteConversationReply(conversationId, muted);
    }

    /** What the caller asks for: the {@code muteConversation} action's fields, as the handler read them. */
    public record Command(String conversationId, Boolean muted) {
    }
}
