package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.ReceiptEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.parley.functions.domain.conversation.ConversationTail;

/**
 * Use case: store a message under the next seq of its conversation, then deliver it to every
 * live device of every member but the sending socket.
 *
 * <p>Why a conditional write and no counter item: a counter is one more write per message, and
 * its number is taken even when the message then fails to store. One Query reads the
 * conversation's header (members, E2EE) and its newest {@link Limits#DEDUPE_WINDOW} messages,
 * which give the last seq and the recent retries to recognise for free. The message is written
 * at last seq + 1 only if that seq is free, so nothing is ever overwritten and a number is
 * taken only by a stored message: seqs are gapless. The connections are read while it is written.
 *
 * <p>An older retry is recognised by the append itself: the message is stored in one
 * transaction with a record of its (sender, device, clientMessageId) that lives
 * {@link Limits#IDEMPOTENCY_HOURS} hours, and an append whose record exists stores nothing and
 * answers with the original's seq. The transaction bills 4 write units where a lone put billed
 * 1 (docs/cost.md, "Idempotency for 24 hours"); issue 18's W8 measured the loop under 20
 * concurrent senders and kept it.
 *
 * <p>Under contention the losers wait, re-read consistently and try the next seq ({@link SeqRetries}):
 * a random time up to four times the round they lost, shrinking as the send ages, to none at 20 s,
 * so the sends that have waited longest are the likelier to take the next seq. A send loses only
 * to a send that was stored, so losing is progress, and it keeps trying while the function can spare
 * the time: until 8 s of it are left for delivery and the reply, for at most 20 s from the send's
 * start and {@link SeqRetries#MAX_ROUNDS} rounds. Only then does the client get UNAVAILABLE (and
 * retry with the same clientMessageId). Issue 18's W8 had answered UNAVAILABLE after a fixed 16
 * rounds, about one send in six under 20 senders on the local cloud, each retried from scratch a
 * round trip later (docs/cost.md, "W8: losing races without UNAVAILABLE"). A lost round's re-read is the header
 * and the newest message only ({@link #LOST_ROUND_WINDOW}): the seq to try is the newest + 1, and a
 * retry of this draft stored meanwhile is refused by the append's sent record, so the recent
 * messages a first read looks through for it are not needed again.
 *
 * <p>An eventually consistent read may lag by a moment. Its last seq is then too low, which the
 * conditional put catches; a refusal it would cause (unknown conversation, not a member, a reply
 * to a seq not yet seen) is confirmed by a consistent read first.
 *
 * <p>With pushes on, the connections lookup also reads the members' push summaries (same
 * BatchGetItem, two tables). Once stored, the message is handed to the push worker
 * ({@link MessagePushes}) only when some registered device had no live connection (the sending
 * device excepted), with those devices as the job's targets, in parallel with the posts; no push
 * due costs no SQS message. A retry that finds its message already stored enqueues nothing.
 *
 * <p>Once the posts are answered, every member's membership row learns of the message
 * ({@link MemberActivity}: one write unit per member), which keeps sync and unread counts
 * proportional to what changed. The same write moves the delivered cursor of each member a live
 * post reached: delivery to an online device costs no {@code markDelivered} round trip, no
 * invocation and no write of its own. The sender hears of it in the reply ({@code deliveredTo}) and,
 * on its other live devices, by a {@code receipt} event. Waiting for the posts puts the row writes
 * after the first delivery, never before it: they add a round trip to the reply, none to delivery.
 *
 * <p>In an end-to-end encrypted conversation, the Signal forms are checked by {@link EnvelopeCheck}, whose
 * device reads run beside the tail Query; a pairwise message reaches each live device with that device's
 * envelope only ({@link Message#toEventFor}).
 *
 * <p>A message with media costs one more read: one consistent BatchGetItem of its media items
 * ({@link MediaAttachments}), once per send, after the membership check and before the first put.
 * A message without media makes exactly the calls it made before media existed.
 */
public final class SendMessage {
    /** Messages a lost round re-reads with the header: the newest, whose seq + 1 is the next to try. */
    static final int LOST_ROUND_WINDOW = 1;
    private static final JsonLogger LOG = JsonLogger.of(SendMessage.class);
    private static final ExecutorService ACTIVITY = Executors.newVirtualThreadPerTaskExecutor();

    private final MessageRepository messages;
    private final FanOut fanOut;
    private final MessagePushes pushes;
    private final MemberActivity activity;
    private final Attachments attachments;
    private final EnvelopeCheck envelopeCheck;
    private final Clock clock;
    private final LargeGroupSend largeGroups;
    private final SeqRetries retries;

    /**
     * @param pushes      {@link MessagePushes#off()} on a deployment without push
     * @param activity    {@link MemberActivity#none()} on a deployment without the memberships table
     * @param attachments {@link Attachments#none()} on a deployment without media (MEDIA_TABLE unset)
     * @param devices     the members' current devices for end-to-end encrypted sends; {@link MemberDevices#NONE}
     *                    on a deployment without the key directory (KEYS_TABLE unset), which refuses the Signal forms
     * @param largeGroups where a send into a large conversation goes once its tail is read (issue 18);
     *                    {@link LargeGroupSend#off()} on a deployment without the fan-out queue
     */
    public SendMessage(MessageRepository messages, FanOut fanOut, MessagePushes pushes, MemberActivity activity,
                       Attachments attachments, MemberDevices devices, Clock clock,
                       LargeGroupSend largeGroups) {
        this(messages, fanOut, pushes, activity, attachments, devices, clock, largeGroups, SeqRetries.standard());
    }

    /** @param retries how long a send keeps racing for a seq, and how it waits between rounds */
    public SendMessage(MessageRepository messages, FanOut fanOut, MessagePushes pushes, MemberActivity activity,
                       Attachments attachments, MemberDevices devices, Clock clock,
                       LargeGroupSend largeGroups, SeqRetries retries) {
        this.messages = messages;
        this.fanOut = fanOut;
        this.pushes = pushes;
        this.activity = activity;
        this.attachments = attachments;
        this.envelopeCheck = new EnvelopeCheck(devices);
        this.clock = clock;
        this.largeGroups = largeGroups;
        this.retries = retries;
    }

    public Result send(Actor sender, MessageDraft draft) {
        return send(sender, null, draft);
    }

    /** @param senderName the sender's username, shown as the title of push previews; may be null */
    public Result send(Actor sender, String senderName, MessageDraft draft) {
        return send(sender, senderName, draft, null);
    }

    /**
     * @param senderName the sender's username, shown as the title of push previews; may be null
     * @param timeLeft   the function's time left (Lambda's remaining time), which bounds the race for a seq; null when unknown
     */
    public Result send(Actor sender, String senderName, MessageDraft draft, Duration timeLeft) {
        SeqRetries.Race race = retries.start(timeLeft);
        EnvelopeCheck.Reading devices = envelopeCheck.start(sender, draft);
        ConversationTail tail = authorizedTail(sender, draft, Read.EVENTUALLY_CONSISTENT, Limits.DEDUPE_WINDOW);
        if (tail.large()) {
            return largeGroups.send(sender, senderName, draft, tail,
                    membersAmong -> envelopeCheck.finishLarge(devices, sender, draft, membersAmong), race);
        }
        draft.requireMentionedAmong(tail.members());
        FanOut.Pending delivery = null;
        List<MediaDescriptor> media = null;
        Addressing addressing = null;
        while (true) {
            Optional<ConversationTail.Recent> earlier =
                    tail.earlierAttempt(sender.userId(), sender.deviceId(), draft.clientMessageId());
            if (earlier.isPresent()) {
                recordActivity(tail.conversationId(), tail, sender.userId(), Set.of(), earlier.get().seq(), earlier.get().sentAt()).join();
                return new Result(draft.conversationId(), earlier.get().seq(), earlier.get().sentAt(), true, DeliveryReport.none(),
                        List.of());
            }
            if (delivery == null || !delivery.covers(tail.members())) {
                delivery = pushes.on()
                        ? fanOut.lookUpWithPushTargets(tail.members(), sender.connectionId())
                        : fanOut.lookUp(tail.members(), sender.connectionId());
            }
            if (addressing == null) {
                addressing = envelopeCheck.finish(devices, sender, draft, tail);
            }
            if (media == null) {
                media = media(draft);
            }
            Message message = draft.toMessage(sender, tail.lastSeq() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS), media,
                    addressing);
            MessageRepository.Append append = messages.append(message);
            if (append instanceof MessageRepository.Append.AlreadyStored original) {
                recordActivity(tail.conversationId(), tail, sender.userId(), Set.of(), original.seq(), original.sentAt()).join();
                return new Result(draft.conversationId(), original.seq(), original.sentAt(), true, DeliveryReport.none(),
                        List.of());
            }
            if (append instanceof MessageRepository.Append.Stored) {
                FanOut.Pending lookup = delivery;
                CompletableFuture<Void> push = pushes.enqueue(pushJob(message, tail, senderName), lookup::offlineTargets);
                DeliveryReport report = message.perDevice()
                        ? delivery.sendEach(recipient -> event(message, recipient))
                        : delivery.send(event(message));
                Set<String> reached = report.reached().stream().filter(userId -> !userId.equals(sender.userId()))
                        .collect(Collectors.toCollection(TreeSet::new));
                Map<String, Long> deliveredRows = recordActivity(message.conversationId(), tail, sender.userId(), reached,
                        message.seq(), message.sentAt()).join();
                push.join();
                boolean receipts = tail.members().size() <= Limits.RECEIPTS_MAX_MEMBERS;
                if (receipts) {
                    tellSendersOtherDevices(sender, lookup, message, deliveredRows);
                }
                return new Result(message.conversationId(), message.seq(), message.sentAt(), false, report,
                        receipts ? List.copyOf(reached) : List.of());
            }
            race.nextRound(draft.conversationId());
            tail = authorizedTail(sender, draft, Read.CONSISTENT, LOST_ROUND_WINDOW);
        }
    }

    /**
     * The conversation's tail if the sender may send this draft to it; the same NOT_FOUND whether
     * unknown or not a member. A large conversation's header lists nobody: its membership is
     * checked against the sender's row ({@link LargeGroupSend}).
     */
    private ConversationTail authorizedTail(Actor sender, MessageDraft draft, Read read, int window) {
        Optional<ConversationTail> found = messages.tail(draft.conversationId(), window, read)
                .filter(tail -> tail.large() || tail.hasMember(sender.userId()));
        boolean repliesToUnseen = draft.replyToSeq() != null
                && found.map(tail -> draft.replyToSeq() > tail.lastSeq()).orElse(false);
        if ((found.isEmpty() || repliesToUnseen) && read == Read.EVENTUALLY_CONSISTENT) {
            return authorizedTail(sender, draft, Read.CONSISTENT, window);
        }
        ConversationTail tail = found.orElseThrow(() ->
                new FailureException(new Failure.ConversationNotFound(draft.conversationId())));
        if (!tail.large()) {
            requirePoster(tail, sender.userId());
        }
        if (repliesToUnseen) {
            throw RequestFields.badRequest("\"replyToSeq\" " + draft.replyToSeq() + " is after the last message of this conversation ("
                    + tail.lastSeq() + ").");
        }
        switch (draft.body()) {
            case MessageBody.Text ignored when tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is end-to-end encrypted: send \"ciphertext\" with \"alg\", not \"text\".");
            case MessageBody.Ciphertext ignored when !tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is not end-to-end encrypted: send \"text\", not \"ciphertext\".");
            case MessageBody.Envelopes ignored when !tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is not end-to-end encrypted: send \"text\", not \"envelopes\".");
            case MessageBody.MediaOnly ignored when tail.e2ee() -> throw RequestFields.badRequest(
                    "This conversation is end-to-end encrypted: a message with media still needs \"ciphertext\" with \"alg\".");
            default -> {
            }
        }
        return tail;
    }

    /**
     * FORBIDDEN, before anything is stored, for a plain member posting to an announcement group: checked on the
     * header the send read anyway, once the sender is known to be a member (a non-member gets NOT_FOUND instead).
     */
    static void requirePoster(ConversationTail tail, String userId) {
        if (!tail.mayPost(userId)) {
            throw new FailureException(new Failure.Forbidden("Only admins post in conversation \"" + tail.conversationId()
                    + "\" (an announcement group: postPolicy \"admins\")."));
        }
    }

    /** The descriptors of the draft's media; no read for a draft without media. */
    private List<MediaDescriptor> media(MessageDraft draft) {
        if (!draft.hasMedia()) {
            return List.of();
        }
        return attachments.resolve(draft.conversationId(), draft.mediaIds());
    }

    /**
     * Starts the members' row updates ({@link MemberActivity}) on a virtual thread; completes once they
     * are done or their failure is logged, with the read cursors of the {@code reached} members whose
     * rows now say delivered. A retry that finds its message stored runs them again (they are
     * idempotent) before it replies, which repairs a Lambda that died between the put and these
     * updates: the client retries until it gets a reply.
     */
    private CompletableFuture<Map<String, Long>> recordActivity(String conversationId, ConversationTail tail, String senderId,
                                                                Set<String> reached, long seq, Instant sentAt) {
        Instant now = clock.instant();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return activity.recordMessage(conversationId, tail.members(), senderId, reached, seq, sentAt, now);
            } catch (RuntimeException e) {
                LOG.error("member activity not recorded", JsonLogger.fields("conversationId", conversationId, "seq", seq), e);
                return Map.<String, Long>of();
            }
        }, ACTIVITY);
    }

    /**
     * The sending device learns who got the message from the reply ({@link Result#deliveredTo}); the
     * sender's other live devices, which got the message as an event before anyone knew, get one
     * {@code receipt} per member whose row now says delivered. No post when there is no such device.
     */
    private static void tellSendersOtherDevices(Actor sender, FanOut.Pending lookup, Message message,
                                                Map<String, Long> deliveredRows) {
        if (deliveredRows.isEmpty() || !lookup.hasOtherLiveDevice(sender.userId())) {
            return;
        }
        deliveredRows.forEach((userId, readSeq) -> lookup.sendTo(sender.userId(), ProtocolCodec.instance().event(
                Actions.RECEIPT_EVENT, new ReceiptEvent(message.conversationId(), userId, null,
                        readSeq, Math.max(readSeq, message.seq()), null))));
    }

    private static PushJob pushJob(Message message, ConversationTail tail, String senderName) {
        String text = message.body() instanceof MessageBody.Text t ? t.text() : null;
        return new PushJob(message.conversationId(), message.seq(), message.senderId(), message.senderDeviceId(),
                senderName, message.sentAt().toEpochMilli(), tail.e2ee(), text, List.of());
    }

    private static Frame.Event event(Message message) {
        return ProtocolCodec.instance().event(Actions.MESSAGE_EVENT, message.toEvent());
    }

    /** The message as one device sees it: its own envelope only. */
    private static Frame.Event event(Message message, Recipient recipient) {
        return ProtocolCodec.instance().event(Actions.MESSAGE_EVENT, message.toEventFor(recipient.userId(), recipient.deviceId()));
    }

    /**
     * Where the message is stored.
     *
     * @param alreadyStored true when this was a retry of a stored send: nothing was stored or delivered again
     * @param delivery      what the fan-out achieved; none for a retry
     * @param deliveredTo   the other members a live post reached, whose delivered cursor is now this seq;
     *                      empty for a retry and in conversations above {@link Limits#RECEIPTS_MAX_MEMBERS}
     */
    public record Result(String conversationId, long seq, Instant sentAt, boolean alreadyStored, DeliveryReport delivery,
                         List<String> deliveredTo) {
    }
}
