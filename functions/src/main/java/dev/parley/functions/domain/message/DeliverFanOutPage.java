package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;

import java.util.Set;

/**
 * Use case of the fan-out worker: one page of a large conversation's members gets a message.
 *
 * <p>Calls per page of P members, L of them with a live device: one Query of the memberships
 * index (keys only), the next page's job enqueued first (so pages run in parallel on other
 * workers), one BatchGetItem of connections per 100 members, one consistent BatchGetItem of the
 * membership rows per 100 live members, then one post per live device, in parallel. The
 * message comes in the job: no message read.
 *
 * <p>The rows are read again for the live members because the index is eventually consistent:
 * a member removed a moment ago may still be listed, and must get nothing sent after the removal.
 *
 * <p>A worker that dies mid-page loses nothing: SQS redelivers the job, the page is posted
 * again, and a device keeps a message once by its seq. A redelivered job enqueues its next page
 * again too, so a redelivery can post the rest of the conversation twice; never less.
 */
public final class DeliverFanOutPage {
    /** Members per job: 500 keys are about 40 KB of index, 5 connection reads, 1 to 5 row reads. */
    public static final int PAGE = 500;

    private final ConversationRepository members;
    private final FanOut fanOut;
    private final FanOutQueue queue;
    private final int page;

    public DeliverFanOutPage(ConversationRepository members, FanOut fanOut, FanOutQueue queue, int page) {
        this.members = members;
        this.fanOut = fanOut;
        this.queue = queue;
        this.page = page;
    }

    /** @return what the posts achieved; throws when a read failed, so the job is redelivered */
    public DeliveryReport deliver(FanOutJob job) {
        ConversationRepository.MemberPage listed = members.members(job.conversationId(), job.afterUserId(), page);
        if (listed.hasMore()) {
            queue.enqueue(job.after(listed.userIds().getLast()));
        }
        if (listed.userIds().isEmpty()) {
            return DeliveryReport.none();
        }
        FanOut.Pending lookup = fanOut.lookUp(listed.userIds(), job.exceptConnectionId());
        Set<String> live = lookup.liveUsers();
        if (live.isEmpty()) {
            return DeliveryReport.none();
        }
        Set<String> stillMembers = members.membersAmong(job.conversationId(), live);
        return lookup.sendTo(stillMembers, job.frame());
    }
}
