package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MarkedRemovals;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Tier;
import dev.parley.functions.domain.delivery.EventPublisher;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.message.DeliverFanOutPage;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.viewing.ActivityHints;
import dev.parley.functions.domain.viewing.InMemoryViewers;
import dev.parley.functions.domain.viewing.ReadCursors;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A large group in memory for the fan-out worker: every member with one live socket ({@code c-<user>}),
 * some of them viewing; counts the calls each port would make on AWS.
 */
final class FanOutWorld {
    static final Instant START = Instant.parse("2026-12-07T07:00:00Z");

    final InMemoryConversationRepository store = new InMemoryConversationRepository();
    final InMemoryViewers viewers = new InMemoryViewers();
    /** What the conversation actions use: removals from large groups are marked first. */
    final ConversationRepository repository;
    final List<FanOutJob> queued = new CopyOnWriteArrayList<>();
    final String id = ConversationId.newGroup();
    final Collection<String> live = new TreeSet<>();
    private final Set<String> viewing = ConcurrentHashMap.newKeySet();
    private Instant viewsUntil = START;
    final AtomicInteger enqueued = new AtomicInteger();
    final AtomicInteger connectionBatchGets = new AtomicInteger();
    final AtomicInteger connectionItemsRead = new AtomicInteger();
    final AtomicInteger rowChecks = new AtomicInteger();
    final AtomicInteger cursorItemsRead = new AtomicInteger();
    /** Each member's read cursor (absent: never read); every member joined an hour before {@link #START}. */
    final Map<String, Long> readSeqs = new ConcurrentHashMap<>();
    final AtomicInteger invocations = new AtomicInteger();
    /** Starts at a refresh window of the group, so rounds within {@link ActivityHints#REFRESH} of it are not refreshers. */
    Instant now = ActivityHints.nextWindow(id, START);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    FanOutWorld() {
        repository = new MarkedRemovals(store, viewers, clock);
    }

    /** A large group of alice and {@code others} members (u00000, u00001, ...), every member online. */
    List<String> largeGroup(int others) {
        List<String> members = new ArrayList<>(List.of("alice"));
        IntStream.range(0, others).mapToObj(i -> String.format("u%05d", i)).forEach(members::add);
        repository.create(Conversation.created(id, Kind.GROUP, null, false, Set.of("alice"), Set.of("alice"), now, "alice"));
        List<String> newcomers = members.subList(1, members.size());
        repository.apply(new MembershipChange.Grow(id, "alice", Set.copyOf(newcomers.subList(0, Math.min(90, newcomers.size()))),
                Set.of("alice"), now));
        for (int from = 90; from < newcomers.size(); from += 99) {
            repository.apply(new MembershipChange.Add(id, "alice", Set.copyOf(newcomers.subList(from, Math.min(from + 99, newcomers.size()))),
                    10_000, now, Tier.LARGE));
        }
        live.addAll(members);
        return members;
    }

    static Recipient socketOf(String userId) {
        return new Recipient(userId, "c-" + userId, "phone");
    }

    /** These members' sockets view the group for 60 s, as viewConversation records them. */
    void view(Collection<String> userIds) {
        userIds.forEach(userId -> viewers.record(id, socketOf(userId), now.plusSeconds(60)));
        viewing.addAll(userIds);
        viewsUntil = now.plusSeconds(60);
    }

    FanOutWorkerHandler worker(EventPublisher publisher, int page) {
        FanOut fanOut = new FanOut(userIds -> List.of(), publisher);
        Watchers watchers = userIds -> {
            connectionBatchGets.addAndGet((userIds.size() + 99) / 100);
            connectionItemsRead.addAndGet(userIds.size());
            return userIds.stream().filter(live::contains)
                    .map(userId -> viewing.contains(userId)
                            ? new Watcher(socketOf(userId), id, viewsUntil)
                            : Watcher.idle(socketOf(userId)))
                    .toList();
        };
        ReadCursors cursors = (conversationId, userIds) -> {
            cursorItemsRead.addAndGet(userIds.size());
            return userIds.stream().collect(Collectors.toMap(userId -> userId,
                    userId -> new ReadCursors.ReadMark(readSeqs.getOrDefault(userId, 0L), START.minusSeconds(3600))));
        };
        // Counts the strongly consistent row reads (membersAmong), delegating everything.
        ConversationRepository counted = (ConversationRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConversationRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("membersAmong")) {
                        rowChecks.addAndGet(((Collection<?>) args[1]).size());
                    }
                    try {
                        return method.invoke(repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new FanOutWorkerHandler(new DeliverFanOutPage(new DeliverFanOutPage.Ports(counted, viewers, viewers, viewers,
                watchers, cursors), fanOut, job -> {
            enqueued.incrementAndGet();
            queued.add(job);
        }, page, clock));
    }

    static SQSEvent event(FanOutJob job) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + job.stage() + "-" + job.afterUserId());
        message.setBody(job.toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** Runs the queue dry, one job an invocation, as the event source mapping might; returns the jobs that failed. */
    List<FanOutJob> drain(FanOutWorkerHandler worker) {
        List<FanOutJob> failed = new ArrayList<>();
        while (!queued.isEmpty()) {
            FanOutJob job = queued.removeFirst();
            invocations.incrementAndGet();
            SQSBatchResponse response = worker.handleRequest(event(job), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                failed.add(job);
            }
        }
        return failed;
    }
}
