package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Tier;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.EventPublisher;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.viewing.ActivityHints;
import dev.parley.functions.domain.viewing.Viewers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static dev.parley.functions.handler.FanOutWorld.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The fan-out worker over the in-memory store: pages chained through the queue, the message to
 * viewing sockets and one activity event to the others, removal honoured, a failed page redelivered.
 */
class FanOutWorkerHandlerTest {
    private static final String FRAME = "{\"type\":\"message\",\"seq\":7}";

    private final FanOutWorld world = new FanOutWorld();

    private static List<String> usersSent(RecordingEventPublisher publisher, String type) {
        return publisher.posts().stream().filter(post -> post.frame().path("type").asText().equals(type))
                .map(post -> post.to().userId()).toList();
    }

    @Test
    void viewing_members_get_the_message_once_and_the_others_one_activity_event_page_by_page() {
        List<String> members = world.largeGroup(250);
        world.view(List.of("alice", "u00010", "u00150", "u00249"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        world.queued.add(new FanOutJob(world.id, 7, null, "c-alice", FRAME));
        world.queued.add(new FanOutJob(world.id, 8, null, "c-alice", FRAME.replace("7", "8")));

        assertThat(world.drain(world.worker(publisher, 100))).isEmpty();

        assertThat(publisher.posts()).filteredOn(post -> post.frameJson().equals(FRAME)).extracting(post -> post.to().userId())
                .containsExactlyInAnyOrder("u00010", "u00150", "u00249");
        assertThat(usersSent(publisher, "conversationActivity")).doesNotHaveDuplicates()
                .hasSize(members.size() - 4).doesNotContain("alice", "u00010");
        assertThat(publisher.posts()).filteredOn(post -> post.frame().path("type").asText().equals("conversationActivity"))
                .allSatisfy(post -> assertThat(post.frame().path("seq").asLong()).isEqualTo(7));
    }

    @Test
    void the_members_are_walked_for_activity_at_most_once_per_30_seconds_however_many_messages() {
        world.largeGroup(250);
        world.view(List.of("u00010"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        FanOutWorkerHandler worker = world.worker(publisher, 100);
        for (int seq = 7; seq < 12; seq++) {
            world.queued.add(new FanOutJob(world.id, seq, null, "c-alice", FRAME));
            world.drain(worker);
        }
        assertThat(world.connectionBatchGets.get()).isEqualTo(3);

        world.now = world.now.plusSeconds(31);
        world.queued.add(new FanOutJob(world.id, 12, null, "c-alice", FRAME));
        world.drain(worker);

        assertThat(world.connectionBatchGets.get()).isEqualTo(6);
        assertThat(usersSent(publisher, "conversationActivity")).as("all but the viewer and the sender, once: nobody read since")
                .hasSize(249).doesNotHaveDuplicates();
    }

    private List<String> round(FanOutWorkerHandler worker, RecordingEventPublisher publisher, int seq) {
        int before = publisher.posts().size();
        world.queued.add(new FanOutJob(world.id, seq, null, "c-alice", FRAME));
        world.drain(worker);
        return publisher.posts().subList(before, publisher.posts().size()).stream()
                .filter(post -> post.frame().path("type").asText().equals("conversationActivity"))
                .map(post -> post.to().userId()).toList();
    }

    @Test
    void a_socket_is_told_once_per_unread_episode_and_everyone_again_at_the_next_refresh() {
        world.largeGroup(250);
        world.view(List.of("u00010"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        FanOutWorkerHandler worker = world.worker(publisher, 100);

        assertThat(round(worker, publisher, 7)).as("the first round: all but the viewer and the sender").hasSize(249);
        world.readSeqs.put("u00020", 7L);
        world.readSeqs.put("u00021", 6L);
        world.now = world.now.plusSeconds(61);
        int cursorsBefore = world.cursorItemsRead.get();
        assertThat(round(worker, publisher, 12))
                .as("who read up to the last round's seq, and the viewer whose view ended after it began")
                .containsExactlyInAnyOrder("u00020", "u00010");
        assertThat(world.cursorItemsRead.get() - cursorsBefore).as("one cursor per member with a socket to tell").isEqualTo(250);

        world.now = world.now.plusSeconds(31);
        assertThat(round(worker, publisher, 15)).as("u00020 has not read 12").isEmpty();
        world.readSeqs.put("u00020", 15L);
        world.now = world.now.plusSeconds(31);
        assertThat(round(worker, publisher, 16)).containsExactly("u00020");

        world.now = ActivityHints.nextWindow(world.id, world.now);
        assertThat(round(worker, publisher, 20)).as("the refresher tells everyone not viewing").hasSize(250);
    }

    @Test
    void a_round_writes_only_its_claim_and_a_redelivered_activity_page_tells_again_with_the_same_seq() {
        world.largeGroup(250);
        world.view(List.of("u00010"));
        RecordingEventPublisher recorded = new RecordingEventPublisher();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        // The first activity page: every post made but one refused after its retries, so the page is redelivered.
        EventPublisher flaky = (to, frame) -> {
            DeliveryReport report = recorded.publish(to, frame);
            return frame.contains("conversationActivity") && failOnce.getAndSet(false)
                    ? new DeliveryReport(report.delivered() - 1, 0, 1) : report;
        };
        world.queued.add(new FanOutJob(world.id, 7, null, "c-alice", FRAME));
        FanOutWorkerHandler worker = world.worker(flaky, 100);

        List<FanOutJob> failed = world.drain(worker);
        assertThat(failed).extracting(FanOutJob::stage, FanOutJob::afterUserId).containsExactly(tuple(FanOutJob.Stage.ACTIVITY, null));
        world.queued.addAll(failed);
        assertThat(world.drain(worker)).isEmpty();

        List<String> told = usersSent(recorded, "conversationActivity");
        assertThat(Set.copyOf(told)).as("every online member but the viewer and the sender").hasSize(249);
        // The redelivered page enqueues the pages after it again: its sockets and theirs are told twice.
        assertThat(told).hasSize(2 * 249);
        assertThat(recorded.posts()).filteredOn(post -> post.frame().path("type").asText().equals("conversationActivity"))
                .allSatisfy(post -> assertThat(post.frame().path("seq").asLong()).isEqualTo(7));
        assertThat(world.viewers.claims).as("one conditional write: the round's claim, none per socket").isEqualTo(1);
        assertThat(usersSent(recorded, "message")).containsExactly("u00010");
    }

    @Test
    void a_member_removed_before_their_page_is_posted_gets_nothing() {
        world.view(world.largeGroup(150));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        world.queued.add(new FanOutJob(world.id, 7, null, null, FRAME));
        FanOutWorkerHandler worker = world.worker(publisher, 100);
        worker.handleRequest(event(world.queued.removeFirst()), null);
        world.repository.apply(new MembershipChange.Remove(world.id, "alice", Set.of("u00140"), Tier.LARGE));

        world.drain(worker);

        assertThat(publisher.posts()).extracting(post -> post.to().userId()).doesNotContain("u00140").contains("u00139", "u00141");
        assertThat(world.rowChecks.get()).as("only the removed member's row is read again").isEqualTo(1);
    }

    @Test
    void a_removed_member_still_listed_by_the_lagging_index_and_viewing_gets_nothing_and_one_added_back_does() {
        world.largeGroup(150);
        world.view(List.of("u00001", "u00002"));
        world.repository.apply(new MembershipChange.Remove(world.id, "alice", Set.of("u00001", "u00002"), Tier.LARGE));
        world.repository.apply(new MembershipChange.Add(world.id, "alice", Set.of("u00002"), 10_000, world.now, Tier.LARGE));
        // The index still listing u00001 and its viewer entry still there: only the marker stops the post.
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        world.queued.add(new FanOutJob(world.id, 7, null, null, FRAME));

        world.drain(world.worker(publisher, 100));

        assertThat(publisher.posts()).filteredOn(post -> post.frameJson().equals(FRAME)).extracting(post -> post.to().userId())
                .containsExactly("u00002");
    }

    @Test
    void a_page_whose_posts_failed_is_reported_failed_and_its_redelivery_reaches_everyone() {
        world.view(world.largeGroup(120));
        AtomicBoolean failing = new AtomicBoolean(true);
        RecordingEventPublisher recorded = new RecordingEventPublisher();
        EventPublisher flaky = (to, frame) -> {
            if (failing.getAndSet(false)) {
                return new DeliveryReport(0, 0, to.size());
            }
            return recorded.publish(to, frame);
        };
        world.queued.add(new FanOutJob(world.id, 7, null, null, FRAME));
        FanOutWorkerHandler worker = world.worker(flaky, 100);

        List<FanOutJob> failed = world.drain(worker);
        assertThat(failed).hasSize(1);
        world.queued.addAll(failed);
        assertThat(world.drain(worker)).isEmpty();

        Set<String> reached = recorded.posts().stream().map(post -> post.to().userId()).collect(Collectors.toSet());
        assertThat(reached).hasSize(121);
    }

    @Test
    void every_viewer_gets_the_message_once_through_each_shards_pages_and_an_expired_view_gets_nothing() {
        List<String> members = world.largeGroup(1_200);
        world.view(members);
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        world.now = world.now.plusSeconds(5);
        world.queued.add(new FanOutJob(world.id, 7, null, "c-alice", FRAME));

        assertThat(world.drain(world.worker(publisher, 100))).isEmpty();

        assertThat(usersSent(publisher, "message")).doesNotHaveDuplicates().hasSize(1_200).doesNotContain("alice");
        assertThat(world.viewers.pageReads).as("the shards' heads, then each shard's rest a page at a time")
                .isGreaterThan(Viewers.SHARDS).isLessThanOrEqualTo(1_200 / 100 + 2 * Viewers.SHARDS);

        // A minute on, only the sockets that refreshed their view are still viewing.
        world.now = world.now.plusSeconds(60);
        world.view(List.of("u00007", "u01100"));
        RecordingEventPublisher later = new RecordingEventPublisher();
        world.queued.add(new FanOutJob(world.id, 8, null, "c-alice", FRAME.replace("7", "8")));
        world.drain(world.worker(later, 100));

        assertThat(usersSent(later, "message")).containsExactlyInAnyOrder("u00007", "u01100");
    }

    @Test
    void a_later_viewers_page_queued_before_the_shards_existed_posts_nothing() {
        world.view(world.largeGroup(20));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        String unsharded = "{\"conversationId\":\"" + world.id + "\",\"seq\":7,\"afterUserId\":\"v#c-u00003\",\"frame\":\"{}\"}";
        world.queued.add(FanOutJob.fromJson(unsharded));

        assertThat(world.drain(world.worker(publisher, 100))).isEmpty();

        assertThat(publisher.posts()).isEmpty();
        assertThat(world.viewers.claims).as("not a message's first page: no activity round").isZero();
    }

    @Test
    void a_job_queued_before_stages_existed_is_a_viewers_page() {
        String old = "{\"conversationId\":\"g_x\",\"seq\":3,\"afterUserId\":null,\"exceptConnectionId\":null,\"frame\":\"{}\"}";
        assertThat(FanOutJob.fromJson(old).stage()).isEqualTo(FanOutJob.Stage.VIEWERS);
        FanOutJob activity = new FanOutJob("g_x", 3, null, null, "{}").activityRound(null).after("u7");
        assertThat(FanOutJob.fromJson(activity.toJson())).isEqualTo(activity);
        String beforeHints = "{\"conversationId\":\"g_x\",\"seq\":3,\"afterUserId\":\"u7\",\"frame\":\"{}\",\"stage\":\"ACTIVITY\"}";
        assertThat(FanOutJob.fromJson(beforeHints).previousRound()).as("a round queued before hints tells everyone").isNull();
    }

    @Test
    void an_activity_rounds_batch_runs_its_pages_one_after_another_and_a_viewers_batch_one_lane_per_conversation_and_shard() {
        FanOutJob viewers = new FanOutJob("g_x", 3, null, null, "{}");
        assertThat(FanOutWorkerHandler.activityBatch(event(viewers.activityRound(null).after("u7")))).isTrue();
        assertThat(FanOutWorkerHandler.activityBatch(event(viewers))).isFalse();
        assertThat(FanOutWorkerHandler.activityBatch(event(viewers.inShard(2, "u7")))).isFalse();
        SQSEvent garbage = new SQSEvent();
        SQSEvent.SQSMessage notAJob = new SQSEvent.SQSMessage();
        notAJob.setBody("not a job");
        garbage.setRecords(List.of(notAJob));
        assertThat(FanOutWorkerHandler.activityBatch(garbage)).as("a body that is not a job fails on its own, in any mode").isFalse();
        assertThat(FanOutWorkerHandler.activityBatch(new SQSEvent())).isFalse();
        assertThat(FanOutWorkerHandler.laneOf(event(viewers.inShard(2, "u7")).getRecords().getFirst()))
                .as("a shard's pages share one lane of the batch").isEqualTo("g_x#2")
                .isEqualTo(FanOutWorkerHandler.laneOf(event(new FanOutJob("g_x", 4, null, null, "{}").inShard(2, "u9")).getRecords().getFirst()));
        assertThat(FanOutWorkerHandler.laneOf(event(viewers).getRecords().getFirst())).as("messages' first pages").isEqualTo("g_x#head");
        notAJob.setMessageId("m-bad");
        assertThat(FanOutWorkerHandler.laneOf(notAJob)).isEqualTo("record m-bad");
    }

    @Test
    void in_a_batch_a_body_that_is_not_a_job_fails_alone_and_the_page_beside_it_is_delivered() {
        world.largeGroup(80);
        world.view(List.of("u00010"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        SQSEvent.SQSMessage page = event(new FanOutJob(world.id, 7, null, "c-alice", FRAME)).getRecords().getFirst();
        page.setMessageId("m-page");
        SQSEvent.SQSMessage notAJob = new SQSEvent.SQSMessage();
        notAJob.setMessageId("m-bad");
        notAJob.setBody("{\"not\": \"a job\"}");
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(notAJob, page));

        assertThat(world.worker(publisher, 100).handleRequest(batch, null).getBatchItemFailures())
                .extracting(failure -> failure.getItemIdentifier()).containsExactly("m-bad");
        assertThat(publisher.posts()).extracting(post -> post.to().userId()).contains("u00010");
    }
}
