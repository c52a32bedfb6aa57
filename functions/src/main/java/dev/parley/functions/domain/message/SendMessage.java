package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.message.MessageRepository.Read;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MessageEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Use case: store a message under the next seq of its conversation, then deliver it to every
 * live device of every member but the sending socket.
 *
 * <p>Why a conditional put and no counter item or transaction: a transaction costs 2 write units
 * per item, and a 1:1 send has room for about one. One Query reads the conversation's header
 * (members, E2EE) and its newest {@link Limits#DEDUPE_WINDOW} messages, which give the last seq
 * and the retries to recognise. The message is put at last seq + 1 only if that seq is free, so
 * nothing is ever overwritten and a number is taken only by a stored message: seqs are gapless.
 * The connections are read while the put runs.
 *
 * <p>Under contention the losers re-read consistently and try the next seq: a send loses only
 * to a send that was stored, so {@link #MAX_ATTEMPTS} rounds mean that many messages landed
 * meanwhile, and the client gets UNAVAILABLE and retries with the same clientMessageId.
 *
 * <p>An eventually consistent read may lag by a moment. Its last seq is then too low, which the
 * conditional put catches; a refusal it would cause (unknown conversation, not a member, a reply
 * to a seq not yet seen) is confirmed by a consistent read first.
 */
public final class SendMessage {
    /** Enough for 16 senders racing in one conversation within one round trip; each lost round costs one failed write and one consistent read. */
    static final int MAX_ATTEMPTS = 16;

    private final MessageRepository messages;
    private final FanOut fanOut;
    private final Clock clock;

    public SendMessage(MessageRepository messages, FanOut fanOut, Clock clock) {
        this.messages = messages;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    public Result send(Actor sender, MessageDraft draft) {
        ConversationTail tail = authorizedTail(sender, draft, Read.EVENTUALLY_CONSISTENT);
        FanOut.Pending delivery = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ConversationTail.Recent> earlier =
                    tail.earlierAttempt(sender.userId(), sender.deviceId(), draft.clientMessageId());
            if (earlier.isPresent()) {
                return new Result(draft.conversationId(), earlier.get().seq(), earlier.get().sentAt(), true, DeliveryReport.none());
            }
            if (delivery == null || !delivery.covers(tail.members())) {
                delivery = fanOut.lookUp(tail.members(), sender.connectionId());
            }
            Message message = draft.toMessage(sender, tail.lastSeq() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (messages.append(message) instanceof MessageRepository.Append.Stored) {
                DeliveryReport report = delivery.send(event(message));
                return new Result(message.conversationId(), message.seq(), message.sentAt(), false, report);
            }
            tail = authorizedTail(sender, draft, Read.CONSISTENT);
        }
        throw new FailureException(new Failure.Unavailable("messages table: " + MAX_ATTEMPTS + " sends raced for a seq"));
    }

    /** The conversation's tail if the sender may send this draft to it; the same NOT_FOUND whether unknown or not a member. */
    private ConversationTail authorizedTail(Actor sender, MessageDraft draft, Read read) {
        Optional<ConversationTail> found = messages.tail(draft.conversationId(), Limits.DEDUPE_WINDOW, read)
                .filter(tail -> tail.hasMember(sender.userId()));
        boolean repliesToUnseen = draft.replyToSeq() != null
                && found.map(tail -> draft.replyToSeq() > tail.lastSeq()).orElse(false);
        if ((found.isEmpty() || repliesToUnseen) && read == Read.EVENTUALLY_CONSISTENT) {
            return authorizedTail(sender, draft, Read.CONSISTENT);
        }
        ConversationTail tail = found.orElseThrow(() ->
                new FailureException(new Failure.ConversationNotFound(draft.conversationId())));
        if (repliesToUnseen) {
            throw RequestFields.badRequest("\"replyToSeq\" " + draft.replyToSeq() + " is after the last message of this conversation ("
                    + tail.lastSeq() + ").");
        }
        switch (draft.body()) {
            case MessageBody.Text ignored when tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is end-to-end encrypted: send \"ciphertext\" with \"alg\", not \"text\".");
            case MessageBody.Ciphertext ignored when !tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is not end-to-end encrypted: send \"text\", not \"ciphertext\".");
            default -> {
            }
        }
        return tail;
    }

    private static Frame.Event event(Message message) {
        String text = message.body() instanceof MessageBody.Text t ? t.text() : null;
        MessageBody.Ciphertext encrypted = message.body() instanceof MessageBody.Ciphertext c ? c : null;
        return ProtocolCodec.instance().event(Actions.MESSAGE_EVENT, new MessageEvent(
                message.conversationId(), message.seq(), message.senderId(), message.senderDeviceId(),
                message.sentAt().toEpochMilli(), message.clientMessageId(), text,
                encrypted == null ? null : encrypted.ciphertext(), encrypted == null ? null : encrypted.alg(),
                message.replyToSeq()));
    }

    /**
     * Where the message is stored.
     *
     * @param alreadyStored true when this was a retry of a stored send: nothing was stored or delivered again
     * @param delivery      what the fan-out achieved; none for a retry
     */
    public record Result(String conversationId, long seq, Instant sentAt, boolean alreadyStored, DeliveryReport delivery) {
    }
}
