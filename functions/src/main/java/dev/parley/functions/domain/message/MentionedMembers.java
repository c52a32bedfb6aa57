package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;
import dev.parley.functions.log.JsonLogger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A send into a large conversation that mentions members or replies to a message: the only sends of
 * that tier that push (issue 18). Wraps the store-and-enqueue ({@link SendToLargeGroup}) so that path
 * stays as it is:
 *
 * <ul>
 *   <li>before: the mentioned users' rows and the sender's, one consistent BatchGetItem (at most
 *       {@code Limits.MAX_MENTIONS} + 1 keys): a sender who is not a member gets NOT_FOUND, as
 *       without mentions, and never learns who is; a mentioned user without a row is BAD_REQUEST and
 *       nothing is stored;</li>
 *   <li>after a new message is stored (not on a retry, as on the small tier): the replied-to
 *       message's sender (one GetItem); the named members' connections items (one BatchGetItem),
 *       to leave out whoever has a socket viewing the conversation now: that socket gets the message
 *       live from the fan-out, and deciding later, in the worker, would push to a member who saw it
 *       and moved on; then one push job naming the others but the sender. The push worker sends at
 *       most one per member and conversation per {@code Limits.MENTION_PUSH_COLLAPSE_SECONDS}
 *       ({@code DeliverMentionPushes}).</li>
 * </ul>
 *
 * A message that mentions nobody and replies to nothing costs nothing more. What it costs is bounded
 * by the mentions, never by the group's size. A failed enqueue is logged and never fails the send:
 * the message is stored, the members see it on their next sync, only the notification is lost.
 */
public final class MentionedMembers implements LargeGroupSend {
    private static final JsonLogger LOG = JsonLogger.of(MentionedMembers.class);

    private final LargeGroupSend send;
    private final ConversationRepository members;
    private final MessageRepository messages;
    private final MessagePushes pushes;
    private final Watchers watchers;
    private final Clock clock;

    public MentionedMembers(LargeGroupSend send, ConversationRepository members, MessageRepository messages,
                            MessagePushes pushes, Watchers watchers, Clock clock) {
        this.send = send;
        this.members = members;
        this.messages = messages;
        this.pushes = pushes;
        this.watchers = watchers;
        this.clock = clock;
    }

    @Override
    public SendMessage.Result send(Actor sender, String senderName, MessageDraft draft, ConversationTail tail,
                                   Check addressing, SeqRetries.Race race) {
        if (!draft.mentions().isEmpty()) {
            Set<String> asked = new LinkedHashSet<>(draft.mentions());
            asked.add(sender.userId());
            Set<String> found = members.membersAmong(draft.conversationId(), asked);
            if (!found.contains(sender.userId())) {
                throw new FailureException(new Failure.ConversationNotFound(draft.conversationId()));
            }
            draft.requireMentionedAmong(found);
        }
        SendMessage.Result result = send.send(sender, senderName, draft, tail, addressing, race);
        if (!result.alreadyStored() && pushes.on() && (!draft.mentions().isEmpty() || draft.replyToSeq() != null)) {
            notifyNamed(sender, senderName, draft, tail, result);
        }
        return result;
    }

    private void notifyNamed(Actor sender, String senderName, MessageDraft draft, ConversationTail tail,
                             SendMessage.Result result) {
        try {
            Set<String> named = new LinkedHashSet<>(draft.mentions());
            if (draft.replyToSeq() != null) {
                messages.find(draft.conversationId(), draft.replyToSeq()).ifPresent(original -> named.add(original.senderId()));
            }
            named.remove(sender.userId());
            if (named.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            watchers.of(named).stream()
                    .filter(watcher -> watcher.isViewing(draft.conversationId(), now))
                    .map(Watcher::socket)
                    .forEach(socket -> named.remove(socket.userId()));
            if (named.isEmpty()) {
                return;
            }
            String text = draft.body() instanceof MessageBody.Text t ? t.text() : null;
            pushes.notifyNamed(new PushJob(draft.conversationId(), result.seq(), sender.userId(), sender.deviceId(), senderName,
                    result.sentAt().toEpochMilli(), tail.e2ee(), text, List.of(), List.copyOf(named)));
        } catch (RuntimeException e) {
            LOG.error("mention push not enqueued", JsonLogger.fields("conversationId", draft.conversationId(),
                    "seq", result.seq()), e);
        }
    }
}
