package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.RecentRemovals;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.ActivityHints;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.functions.domain.viewing.ConversationActivity;
import dev.parley.functions.domain.viewing.ReadCursors;
import dev.parley.functions.domain.viewing.Viewers;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;
import dev.parley.model.ProtocolCodec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Use case of the fan-out worker: one page of a large conversation's fan-out.
 *
 * <p>A {@link FanOutJob.Stage#VIEWERS} page posts the message to up to {@link #PAGE} sockets
 * viewing the conversation ({@code viewConversation}), read from the conversation's {@link Viewers}:
 * one Query of a shard, or on a message's first page one of each shard at once, never a member's
 * connections. The first viewers page of a message also claims the
 * conversation's {@link ActivityRounds activity round}: at most one per 30 s, and only then does an
 * {@link FanOutJob.Stage#ACTIVITY} round walk the members (a Query of the memberships index per 500,
 * a BatchGetItem of connections and one of read cursors per 100) to send a live socket not viewing it one
 * {@code conversationActivity} ({@link ConversationActivity}) when it has no hint outstanding
 * ({@link ActivityHints}: compared with the previous round, which the claim returns), with no write per
 * socket. So a message costs its viewers, and the member walk is paid once per 30 s per conversation
 * however busy it is; its posts, once per unread episode and a refresher every few minutes.
 *
 * <p>A pairwise end-to-end encrypted message comes as each addressed device's own frame
 * ({@link FanOutJob#frameFor}): a viewing device the batch does not address is posted nothing.
 *
 * <p>Removals: the index is eventually consistent and a viewer entry outlives its member by up to its
 * TTL, so each page reads the conversation's {@link RecentRemovals} once (one consistent Query) and
 * re-reads, strongly consistent, only the rows of the users it lists (one may have been added back).
 *
 * <p>A worker that dies mid-page loses nothing: SQS redelivers the job, the page is posted
 * again, and a device keeps a message once by its seq. A redelivered job enqueues its next page
 * again too, so a redelivery can post the rest of the conversation twice; never less. The same holds
 * for an activity round's pages: a redelivered one tells its sockets (and the pages after it) again,
 * the same event with the same seq, which clients take as the hint it is.
 */
public final class DeliverFanOutPage {
    /**
     * Sockets or members per job: about 60 KB of viewer entries or 45 KB of index keys, 5 connection
     * reads. A message's first page takes {@code PAGE / Viewers.SHARDS} from each shard.
     */
    public static final int PAGE = 500;

    private final ConversationRepository members;
    private final RecentRemovals removals;
    private final Viewers viewers;
    private final ActivityRounds rounds;
    private final Watchers watchers;
    private final ReadCursors cursors;
    private final FanOut fanOut;
    private final FanOutQueue queue;
    private final int page;
    private final Clock clock;

    public DeliverFanOutPage(Ports ports, FanOut fanOut, FanOutQueue queue, int page, Clock clock) {
        this.members = ports.members();
        this.removals = ports.removals();
        this.viewers = ports.viewers();
        this.rounds = ports.rounds();
        this.watchers = ports.watchers();
        this.cursors = ports.cursors();
        this.fanOut = fanOut;
        this.queue = queue;
        this.page = page;
        this.clock = clock;
    }

    /** What a page reads and claims: membership, recent removals, viewers, activity rounds, connections, read cursors. */
    public record Ports(ConversationRepository members, RecentRemovals removals, Viewers viewers, ActivityRounds rounds,
                       Watchers watchers, ReadCursors cursors) {
    }

    /** @return what the posts achieved; throws when a read failed, so the job is redelivered */
    public DeliveryReport deliver(FanOutJob job) {
        return job.stage() == FanOutJob.Stage.ACTIVITY ? tellActivity(job) : postToViewers(job);
    }

    private DeliveryReport postToViewers(FanOutJob job) {
        String id = job.conversationId();
        Instant now = clock.instant();
        List<Viewers.Viewer> listed = listViewers(job);
        if (job.shard() == null && job.afterUserId() == null) {
            rounds.claim(id, job.seq(), now, now.minus(ConversationActivity.INTERVAL)).ifPresent(claim ->
                    queue.enqueue(job.activityRound(ActivityHints.since(id, claim.previous(), now))));
        }
        List<Recipient> sockets = listed.stream()
                .filter(viewer -> viewer.isViewing(now))
                .map(Viewers.Viewer::socket)
                .filter(socket -> !socket.connectionId().equals(job.exceptConnectionId()))
                .toList();
        return fanOut.postEach(stillMembers(id, sockets, Recipient::userId, now),
                socket -> job.frameFor(socket.userId(), socket.deviceId()));
    }

    /**
     * This page's viewer entries, the jobs of the pages after it queued first: a message's first page
     * reads the head of every shard at once (the page's size over {@link Viewers#SHARDS} each) and queues
     * each shard's rest, so the shards' pages then run side by side; a later page reads one shard.
     */
    private List<Viewers.Viewer> listViewers(FanOutJob job) {
        if (job.shard() != null) {
            Viewers.Page listed = viewers.page(job.conversationId(), job.shard(), job.afterUserId(), page);
            if (listed.next() != null) {
                queue.enqueue(job.after(listed.next()));
            }
            return listed.viewers();
        }
        if (job.afterUserId() != null) {
            // A later page queued before the entries were sharded: its cursor is in entries no longer read.
            return List.of();
        }
        List<Viewers.Page> heads = viewers.heads(job.conversationId(), Math.max(1, page / Viewers.SHARDS));
        List<FanOutJob> rests = IntStream.range(0, heads.size()).filter(shard -> heads.get(shard).next() != null)
                .mapToObj(shard -> job.inShard(shard, heads.get(shard).next())).toList();
        if (!rests.isEmpty()) {
            queue.enqueueAll(rests);
        }
        return heads.stream().flatMap(head -> head.viewers().stream()).toList();
    }

    private DeliveryReport tellActivity(FanOutJob job) {
        String id = job.conversationId();
        ConversationRepository.MemberPage listed = members.members(id, job.afterUserId(), page);
        if (listed.hasMore()) {
            queue.enqueue(job.after(listed.userIds().getLast()));
        }
        if (listed.userIds().isEmpty()) {
            return DeliveryReport.none();
        }
        Instant now = clock.instant();
        // Viewing sockets had the message from the viewers pages. The round's claim is the only throttle:
        // a redelivered page tells its sockets again, the same seq (ConversationActivity).
        List<Watcher> elsewhere = watchers.of(listed.userIds()).stream()
                .filter(watcher -> !watcher.socket().connectionId().equals(job.exceptConnectionId()))
                .filter(watcher -> !watcher.isViewing(id, now))
                .toList();
        // Only members with a socket to tell have their cursor read: one BatchGetItem per 100 of them.
        ActivityRounds.Round since = job.previousRound();
        Map<String, ReadCursors.ReadMark> read = since == null || elsewhere.isEmpty() ? Map.of()
                : cursors.of(id, elsewhere.stream().map(watcher -> watcher.socket().userId()).collect(Collectors.toSet()));
        List<Recipient> told = elsewhere.stream()
                .filter(watcher -> ActivityHints.tells(id, since, watcher, read.get(watcher.socket().userId())))
                .map(Watcher::socket)
                .toList();
        // The hint is 1, "at least one new": one frame for every socket told; counts come from sync.
        return fanOut.post(stillMembers(id, told, Recipient::userId, now),
                ProtocolCodec.instance().encode(ConversationActivity.event(id, job.seq(), 1)));
    }

    /** Drops the sockets of users removed lately, unless their row says they are members again. */
    private <T> List<T> stillMembers(String id, List<T> sockets, Function<T, String> userOf, Instant now) {
        if (sockets.isEmpty()) {
            return sockets;
        }
        Set<String> removed = removals.since(id, now.minus(RecentRemovals.WINDOW));
        Set<String> suspects = sockets.stream().map(userOf).filter(removed::contains).collect(Collectors.toSet());
        if (suspects.isEmpty()) {
            return sockets;
        }
        Set<String> back = members.membersAmong(id, suspects);
        return sockets.stream().filter(socket -> !suspects.contains(userOf.apply(socket)) || back.contains(userOf.apply(socket)))
                .toList();
    }
}
