package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.v1.MediaDescriptor;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: a message into a large conversation. Stored as in a small one (the same conditional
 * append and {@link SeqRetries} race, gapless seqs, the same 24-hour idempotency), then one SQS
 * message hands delivery to the fan-out worker and the sender gets the reply: no per-member
 * write, no post, no connection read on the request path. The sender's own row moves (their read cursor; their other devices' sync
 * sees the change); every other member's unread count comes from the conversation's last seq
 * against their own read cursor when they sync.
 *
 * <p>Membership is the sender's row: one eventually consistent GetItem, a miss confirmed by a
 * consistent read before NOT_FOUND. A retry of a stored send enqueues its fan-out again: that
 * repairs a function that died between the append and the enqueue, and a device that gets the
 * message twice keeps it once (by seq). Large conversations have no receipts, no typing and no
 * message pushes (docs/protocol.md, Tiers).
 *
 * <p>An end-to-end encrypted group takes the two Signal forms here too (docs/protocol/e2ee.md, "Large groups"):
 * one sender-key ciphertext for every device, or pairwise envelopes in {@code partial} batches, checked for
 * the named devices only ({@link EnvelopeCheck#finishLarge}); the job then carries each addressed device's
 * own frame. A sender-key send that names a membership epoch other than the header's is refused (CONFLICT) before
 * anything is stored: its sender's member list missed a change, so a newcomer may lack the key or a leaver still hold it.
 */
public final class SendToLargeGroup implements LargeGroupSend {
    private static final JsonLogger LOG = JsonLogger.of(SendToLargeGroup.class);

    private final MessageRepository messages;
    private final ConversationRepository members;
    private final FanOutQueue queue;
    private final MemberActivity activity;
    private final Attachments attachments;
    private final Clock clock;

    public SendToLargeGroup(MessageRepository messages, ConversationRepository members, FanOutQueue queue,
                            MemberActivity activity, Attachments attachments, Clock clock) {
        this.messages = messages;
        this.members = members;
        this.queue = queue;
        this.activity = activity;
        this.attachments = attachments;
        this.clock = clock;
    }

    @Override
    public SendMessage.Result send(Actor sender, String senderName, MessageDraft draft, ConversationTail tail, Check check,
                                   SeqRetries.Race race) {
        String id = draft.conversationId();
        if (members.membership(sender.userId(), id).isEmpty()
                && !members.membersAmong(id, Set.of(sender.userId())).contains(sender.userId())) {
            throw new FailureException(new Failure.ConversationNotFound(id));
        }
        SendMessage.requirePoster(tail, sender.userId());
        List<MediaDescriptor> media = draft.hasMedia() ? attachments.resolve(id, draft.mediaIds()) : List.of();
        Addressing addressing = null;
        while (true) {
            Optional<ConversationTail.Recent> earlier =
                    tail.earlierAttempt(sender.userId(), sender.deviceId(), draft.clientMessageId());
            if (earlier.isPresent()) {
                return stored(sender, id, earlier.get().seq(), earlier.get().sentAt(), true, null);
            }
            draft.requireMembersEpoch(tail);
            if (addressing == null) {
                addressing = check.finish(users -> members.membersAmong(id, users));
            }
            Message message = draft.toMessage(sender, tail.lastSeq() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS), media,
                    addressing);
            MessageRepository.Append append = messages.append(message);
            if (append instanceof MessageRepository.Append.AlreadyStored original) {
                return stored(sender, id, original.seq(), original.sentAt(), true, null);
            }
            if (append instanceof MessageRepository.Append.Stored) {
                return stored(sender, id, message.seq(), message.sentAt(), false, message);
            }
            race.nextRound(id);
            tail = messages.tail(id, SendMessage.LOST_ROUND_WINDOW, Read.CONSISTENT)
                    .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(id)));
        }
    }

    /**
     * Hands the message to the fan-out queue and moves the sender's row. A retry (no {@code message}
     * at hand) reads the stored one to enqueue it again; a failed enqueue is the request's failure,
     * so the client retries and the retry enqueues.
     */
    private SendMessage.Result stored(Actor sender, String id, long seq, Instant sentAt, boolean retry, Message message) {
        Message toDeliver = message != null ? message : messages.find(id, seq).orElse(null);
        if (toDeliver != null) {
            queue.enqueue(FanOutJob.of(toDeliver, sender.connectionId()));
        }
        try {
            activity.recordMessage(id, Set.of(sender.userId()), sender.userId(), Set.of(), seq, sentAt, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("sender's row not moved", JsonLogger.fields("conversationId", id, "seq", seq), e);
        }
        return new SendMessage.Result(id, seq, sentAt, retry, dev.parley.functions.domain.delivery.DeliveryReport.none(), List.of());
    }
}
