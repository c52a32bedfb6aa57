package dev.parley.functions.domain.receipt;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.LeaveEverything;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.domain.sync.SyncWorld;
import dev.parley.model.Limits;
import dev.parley.model.v1.ReadCountsReply;
import dev.parley.model.v1.ReadCountsReply.ReadCount;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Read counts of large conversations: kept by markRead's cursor moves, read by readCounts. */
class ReadCountsTest {
    private final SyncWorld world = new SyncWorld();
    private final InMemoryReadCounts counts = new InMemoryReadCounts();
    private final CountedReads rows = new CountedReads(world.rows, counts);
    private final String large = ConversationId.newGroup();

    /** A member's row of a large conversation that has {@code lastSeq} messages, read up to {@code readSeq}. */
    private void member(String userId, String conversationId, long lastSeq, long readSeq, boolean isLarge) {
        world.rows.put(new MemberState(userId, conversationId, lastSeq, 0, 0, readSeq, readSeq, 0, isLarge));
    }

    private void read(String userId, String conversationId, long upToSeq) {
        Actor actor = new Actor(userId, "phone", "conn-" + userId);
        new MarkReceipt(rows, world.messages, world.fanOut, world.clock)
                .mark(actor, Cursor.READ, new MarkReceipt.Command(conversationId, upToSeq));
    }

    private ReadCountsReply ask(String userId, String conversationId, List<Long> seqs) {
        return new GetReadCounts(world.rows, counts).counts(userId, new GetReadCounts.Command(conversationId, seqs));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void read_by_n_counts_the_members_whose_read_cursor_is_at_or_past_each_seq() {
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            member(user, large, 10, 0, true);
        }
        read("bob", large, 4);
        read("carol", large, 7);
        read("dave", large, 2);
        read("dave", large, 9);

        ReadCountsReply reply = ask("alice", large, List.of(1L, 4L, 5L, 9L, 10L));

        assertThat(reply).isEqualTo(new ReadCountsReply(large, 1, List.of(new ReadCount(1, 3), new ReadCount(4, 3),
                new ReadCount(5, 2), new ReadCount(9, 1), new ReadCount(10, 0))));
    }

    @Test
    void only_read_moves_of_large_rows_are_counted_not_delivery_regressions_or_small_conversations() {
        String small = ConversationId.newGroup();
        member("bob", large, 10, 0, true);
        member("bob", small, 10, 0, false);
        Actor bob = new Actor("bob", "phone", "conn-bob");

        new MarkReceipt(rows, world.messages, world.fanOut, world.clock).mark(bob, Cursor.DELIVERED, new MarkReceipt.Command(large, 8L));
        assertThat(counts.positionOf(large, "bob")).as("delivery is not reading").isZero();
        read("bob", large, 6);
        read("bob", small, 6);
        read("bob", large, 3);

        assertThat(counts.positionOf(large, "bob")).isEqualTo(6);
        assertThat(counts.positionOf(small, "bob")).as("a small conversation has receipts instead").isZero();
    }

    @Test
    void a_count_that_fails_leaves_the_read_itself_done() {
        member("bob", large, 10, 0, true);
        CountedReads failing = new CountedReads(world.rows, new ReadCounts() {
            @Override
            public void moveReader(String conversationId, String userId, long fromSeq, long toSeq) {
                throw new IllegalStateException("shard unavailable");
            }

            @Override
            public ReadTally tally(String conversationId) {
                throw new UnsupportedOperationException();
            }
        });

        new MarkReceipt(failing, world.messages, world.fanOut, world.clock)
                .mark(new Actor("bob", "phone", "conn-bob"), Cursor.READ, new MarkReceipt.Command(large, 5L));

        assertThat(world.rows.get("bob", large).readSeq()).isEqualTo(5);
    }

    @Test
    void members_removed_leaving_or_deleting_their_account_are_no_longer_counted_and_a_retried_removal_changes_nothing() {
        InMemoryConversationRepository repository = new InMemoryConversationRepository();
        ConversationEvents events = new ConversationEvents(new FanOut(userIds -> List.of(), new RecordingEventPublisher()));
        Actor alice = new Actor("alice", "phone", "conn-alice");
        String group = new CreateConversation(repository, events, world.clock).create(alice,
                new CreateConversation.Command("group", List.of("bob", "carol", "dave", "erin"), "Big", null))
                .conversation().conversationId();
        List<String> strangers = IntStream.range(0, Limits.MAX_MEMBERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        assertThat(new AddMembers(repository, events, world.clock).add(alice, new AddMembers.Command(group, strangers))
                .conversation().tier()).isEqualTo("large");
        repository.read("bob", group, 4);
        repository.read("carol", group, 6);
        repository.read("dave", group, 6);
        repository.read("erin", group, 2);
        RemoveMembers remove = new RemoveMembers(repository, events);

        remove.remove(alice, new RemoveMembers.Command(group, List.of("bob")));
        remove.remove(alice, new RemoveMembers.Command(group, List.of("bob")));
        new LeaveConversation(repository, events).leave(new Actor("carol", "ipad", "conn-carol"), new LeaveConversation.Command(group));
        new LeaveEverything(repository, events).leaveAll(new Actor("dave", "web", "conn-dave"));

        ReadTally tally = repository.readTally(group);
        assertThat(LongStream.of(2, 4, 6).map(tally::readBy).toArray()).as("only erin, at 2, is still a member who read")
                .containsExactly(1, 0, 0);
    }

    @Test
    void below_the_exact_horizon_a_count_is_the_lower_bound_at_the_horizon_and_never_negative() {
        ReadTally tally = ReadTally.of(20, Map.of(5L, 7L, 20L, 2L, 25L, -1L, 30L, 3L));

        assertThat(tally.readersAt()).as("positions below the horizon are not known").doesNotContainKey(5L);
        assertThat(LongStream.of(1, 19, 20, 21, 26, 31).map(tally::readBy).toArray()).containsExactly(4, 4, 4, 2, 3, 0);
        assertThat(ReadTally.of(0, Map.of(3L, -1L)).readBy(1)).as("a move seen before its predecessor").isZero();
        assertThat(ReadTally.of(0, Map.of()).exactFrom()).isEqualTo(1);
    }

    @Test
    void bad_requests_are_refused_with_the_reason() {
        member("alice", large, 10, 0, true);
        member("alice", ConversationId.direct("alice", "bob"), 10, 0, false);
        List<Long> tooMany = LongStream.rangeClosed(1, Limits.MAX_READ_COUNT_SEQS + 1).boxed().toList();

        assertThat(failureOf(() -> ask("alice", large, null))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> ask("alice", large, List.of()))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> ask("alice", large, tooMany))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> ask("alice", large, List.of(3L, 0L)))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> ask("alice", ConversationId.direct("alice", "bob"), List.of(1L))))
                .isEqualTo(new Failure.BadRequest("readCounts is for large conversations; a small one sends receipt events."));
        assertThat(failureOf(() -> ask("mallory", large, List.of(1L)))).isEqualTo(new Failure.ConversationNotFound(large));
        assertThat(failureOf(() -> ask("alice", "../" + large, List.of(1L)))).isInstanceOf(Failure.BadRequest.class);
    }
}
