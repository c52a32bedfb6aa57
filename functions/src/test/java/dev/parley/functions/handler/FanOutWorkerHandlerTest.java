package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Tier;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.EventPublisher;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.DeliverFanOutPage;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.viewing.ConversationActivity;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out worker over the in-memory store: pages chained through the queue, the message to
 * viewing sockets and one activity event to the others, removal honoured, a failed page redelivered.
 */
class FanOutWorkerHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
    private static final String FRAME = "{\"type\":\"message\",\"seq\":7}";

    private final InMemoryConversationRepository repository = new InMemoryConversationRepository();
    private final List<FanOutJob> queued = new CopyOnWriteArrayList<>();
    private final String id = ConversationId.newGroup();
    /** Every member has one live device, named after them. */
    private final Collection<String> live = new TreeSet<>();

    /** A large group of alice and {@code others} members (u000, u001, ...), every member online. */
    private List<String> largeGroup(int others) {
        List<String> members = new ArrayList<>(List.of("alice"));
        IntStream.range(0, others).mapToObj(i -> String.format("u%03d", i)).forEach(members::add);
        repository.create(Conversation.created(id, Kind.GROUP, null, false, Set.of("alice"), Set.of("alice"), NOW, "alice"));
        List<String> newcomers = members.subList(1, members.size());
        repository.apply(new MembershipChange.Grow(id, "alice", Set.copyOf(newcomers.subList(0, Math.min(90, newcomers.size()))),
                Set.of("alice"), NOW));
        for (int from = 90; from < newcomers.size(); from += 99) {
            repository.apply(new MembershipChange.Add(id, "alice", Set.copyOf(newcomers.subList(from, Math.min(from + 99, newcomers.size()))),
                    10_000, NOW, Tier.LARGE));
        }
        live.addAll(members);
        return members;
    }

    /** Members whose one socket views the conversation; the others' sockets view nothing. */
    private final Set<String> viewing = new TreeSet<>();
    private final Map<String, Instant> activitySent = new ConcurrentHashMap<>();

    private FanOutWorkerHandler worker(EventPublisher publisher, int page) {
        FanOut fanOut = new FanOut(userIds -> List.of(), publisher);
        Watchers watchers = userIds -> userIds.stream().filter(live::contains)
                .map(userId -> new Watcher(new Recipient(userId, "c-" + userId, "phone"),
                        viewing.contains(userId) ? id : null, viewing.contains(userId) ? NOW.plusSeconds(60) : null, Map.of()))
                .toList();
        ConversationActivity activity = new ConversationActivity((userId, connectionId, conversationId, now, lastAllowed) ->
                activitySent.putIfAbsent(connectionId, now) == null);
        return new FanOutWorkerHandler(new DeliverFanOutPage(repository, watchers, activity, fanOut, queued::add, page,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static List<String> usersSent(RecordingEventPublisher publisher, String type) {
        return publisher.posts().stream().filter(post -> post.frame().path("type").asText().equals(type))
                .map(post -> post.to().userId()).toList();
    }

    private static SQSEvent event(FanOutJob job) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + job.afterUserId());
        message.setBody(job.toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** Runs the queue dry, as the event source mapping would; returns the jobs that failed. */
    private List<FanOutJob> drain(FanOutWorkerHandler worker) {
        List<FanOutJob> failed = new ArrayList<>();
        while (!queued.isEmpty()) {
            FanOutJob job = queued.removeFirst();
            SQSBatchResponse response = worker.handleRequest(event(job), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                failed.add(job);
            }
        }
        return failed;
    }

    @Test
    void viewing_members_get_the_message_once_and_the_others_one_activity_event_page_by_page() {
        List<String> members = largeGroup(250);
        viewing.addAll(List.of("alice", "u010", "u150", "u249"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        queued.add(new FanOutJob(id, 7, null, "c-alice", FRAME));
        queued.add(new FanOutJob(id, 8, null, "c-alice", FRAME.replace("7", "8")));

        assertThat(drain(worker(publisher, 100))).isEmpty();

        assertThat(publisher.posts()).filteredOn(post -> post.frameJson().equals(FRAME)).extracting(post -> post.to().userId())
                .containsExactlyInAnyOrder("u010", "u150", "u249");
        assertThat(usersSent(publisher, "conversationActivity")).doesNotHaveDuplicates()
                .hasSize(members.size() - 4).doesNotContain("alice", "u010");
        assertThat(publisher.posts()).filteredOn(post -> post.frame().path("type").asText().equals("conversationActivity"))
                .allSatisfy(post -> assertThat(post.frame().path("seq").asLong()).isEqualTo(7));
    }

    @Test
    void a_member_removed_before_their_page_is_posted_gets_nothing() {
        viewing.addAll(largeGroup(150));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        queued.add(new FanOutJob(id, 7, null, null, FRAME));
        FanOutWorkerHandler worker = worker(publisher, 100);
        worker.handleRequest(event(queued.removeFirst()), null);
        repository.apply(new MembershipChange.Remove(id, "alice", Set.of("u140"), Tier.LARGE));

        drain(worker);

        assertThat(publisher.posts()).extracting(post -> post.to().userId()).doesNotContain("u140").contains("u139", "u141");
    }

    @Test
    void a_page_whose_posts_failed_is_reported_failed_and_its_redelivery_reaches_everyone() {
        viewing.addAll(largeGroup(120));
        AtomicBoolean failing = new AtomicBoolean(true);
        RecordingEventPublisher recorded = new RecordingEventPublisher();
        EventPublisher flaky = (to, frame) -> {
            if (failing.getAndSet(false)) {
                return new DeliveryReport(0, 0, to.size());
            }
            return recorded.publish(to, frame);
        };
        queued.add(new FanOutJob(id, 7, null, null, FRAME));
        FanOutWorkerHandler worker = worker(flaky, 100);

        List<FanOutJob> failed = drain(worker);
        assertThat(failed).hasSize(1);
        queued.addAll(failed);
        assertThat(drain(worker)).isEmpty();

        Set<String> reached = recorded.posts().stream().map(post -> post.to().userId()).collect(Collectors.toSet());
        assertThat(reached).hasSize(121);
    }
}
