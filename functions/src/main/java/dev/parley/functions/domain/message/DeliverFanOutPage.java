package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.Audience;
import dev.parley.functions.domain.viewing.ConversationActivity;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;
import dev.parley.model.ProtocolCodec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case of the fan-out worker: one page of a large conversation's members learns of a message.
 * The sockets viewing the conversation ({@code viewConversation}) get the message; every other
 * live socket gets at most one {@code conversationActivity} per 30 s ({@link ConversationActivity})
 * and catches up with sync or history when it opens the conversation.
 *
 * <p>Calls per page of P members, L of them with a live socket: one Query of the memberships
 * index (keys only); the next page's job enqueued first (so pages run in parallel on other
 * workers); one BatchGetItem of connections per 100 members, which also says what each socket
 * views ({@link Watchers}); one consistent BatchGetItem per 100 of the rows of the members with a
 * socket that may be sent something now (viewing, or not told of this conversation within 30 s);
 * one post per viewing socket, in parallel; and for the others, a conditional UpdateItem and a
 * post only when an activity event may go out. The message comes in the job: no message read; a
 * pairwise end-to-end encrypted message comes as each addressed device's own frame
 * ({@link FanOutJob#frameFor}), and a viewing device the batch does not address is posted nothing.
 *
 * <p>The rows are read again for the live members because the index is eventually consistent:
 * a member removed a moment ago may still be listed, and must get nothing sent after the removal.
 *
 * <p>A worker that dies mid-page loses nothing: SQS redelivers the job, the page is posted
 * again, and a device keeps a message once by its seq. A redelivered job enqueues its next page
 * again too, so a redelivery can post the rest of the conversation twice; never less.
 */
public final class DeliverFanOutPage {
    /** Members per job: 500 keys are about 45 KB of index, 5 connection reads, 1 to 5 row reads. */
    public static final int PAGE = 500;

    private final ConversationRepository members;
    private final Watchers watchers;
    private final ConversationActivity activity;
    private final FanOut fanOut;
    private final FanOutQueue queue;
    private final int page;
    private final Clock clock;

    public DeliverFanOutPage(ConversationRepository members, Watchers watchers, ConversationActivity activity, FanOut fanOut,
                             FanOutQueue queue, int page, Clock clock) {
        this.members = members;
        this.watchers = watchers;
        this.activity = activity;
        this.fanOut = fanOut;
        this.queue = queue;
        this.page = page;
        this.clock = clock;
    }

    /** @return what the posts achieved; throws when a read failed, so the job is redelivered */
    public DeliveryReport deliver(FanOutJob job) {
        String id = job.conversationId();
        ConversationRepository.MemberPage listed = members.members(id, job.afterUserId(), page);
        if (listed.hasMore()) {
            queue.enqueue(job.after(listed.userIds().getLast()));
        }
        List<Watcher> sockets = listed.userIds().isEmpty() ? List.of() : watchers.of(listed.userIds()).stream()
                .filter(watcher -> !watcher.socket().connectionId().equals(job.exceptConnectionId()))
                .toList();
        if (sockets.isEmpty()) {
            return DeliveryReport.none();
        }
        Instant now = clock.instant();
        Instant lastAllowed = now.minus(ConversationActivity.INTERVAL);
        // Only sockets that may be sent something now are checked against the rows: a socket
        // elsewhere that was told of this conversation within the interval gets nothing anyway.
        List<Watcher> candidates = sockets.stream()
                .filter(watcher -> watcher.isViewing(id, now)
                        || watcher.activitySent(id).filter(at -> at.isAfter(lastAllowed)).isEmpty())
                .toList();
        if (candidates.isEmpty()) {
            return DeliveryReport.none();
        }
        Set<String> stillMembers = members.membersAmong(id,
                candidates.stream().map(watcher -> watcher.socket().userId()).collect(Collectors.toSet()));
        Audience audience = Audience.of(id, candidates.stream()
                .filter(watcher -> stillMembers.contains(watcher.socket().userId())).toList(), now);
        DeliveryReport report = fanOut.postEach(audience.viewing(), socket -> job.frameFor(socket.userId(), socket.deviceId()));
        List<Recipient> told = activity.admit(id, audience.elsewhere(), now);
        // The hint is 1, "at least one new": the worker reads no member's read cursor.
        return report.plus(fanOut.post(told, ProtocolCodec.instance().encode(ConversationActivity.event(id, job.seq(), 1))));
    }
}
