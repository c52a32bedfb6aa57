package dev.parley.functions.domain.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.domain.sync.Sync;
import dev.parley.functions.domain.sync.SyncWorld;
import dev.parley.model.Limits;
import dev.parley.model.v1.ReceiptReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MarkReceiptTest {
    private static final Actor ALICE_PHONE = new Actor("alice", "phone", "conn-alice-phone");
    private static final Actor ALICE_LAPTOP = new Actor("alice", "laptop", "conn-alice-laptop");
    private static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    private static final String WITH_BOB = ConversationId.direct("alice", "bob");

    private final SyncWorld world = new SyncWorld();

    @BeforeEach
    void bobSentAliceThreeMessagesWhileAllDevicesAreOnline() {
        world.conversation(WITH_BOB, Kind.DIRECT, "alice", "bob");
        IntStream.rangeClosed(1, 3).forEach(i -> world.send(BOB, WITH_BOB, "m" + i));
        world.online(ALICE_PHONE);
        world.online(ALICE_LAPTOP);
        world.online(BOB);
    }

    private ReceiptReply mark(Actor actor, Cursor cursor, long upToSeq) {
        return new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(actor, cursor, new MarkReceipt.Command(WITH_BOB, upToSeq));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void reading_on_one_device_clears_the_unread_count_on_the_others_and_in_their_next_sync() {
        ReceiptReply reply = mark(ALICE_PHONE, Cursor.READ, 3);

        assertThat(reply).isEqualTo(new ReceiptReply(WITH_BOB, 3, 3, 0, true));
        assertThat(world.eventsTo("conn-alice-laptop")).singleElement().satisfies(event -> {
            assertThat(event.get("type").asText()).isEqualTo("receipt");
            assertThat(event.get("unreadCount").asLong()).isZero();
        });
        assertThat(world.eventsTo("conn-alice-phone")).as("the reading socket gets the reply instead").isEmpty();
        assertThat(world.sync().sync(ALICE_LAPTOP, new Sync.Command(null, null, null)).conversations().getFirst()
                .conversation().unreadCount()).isZero();
    }

    @Test
    void the_sender_sees_delivered_then_read_without_the_readers_unread_count() {
        mark(ALICE_PHONE, Cursor.DELIVERED, 3);
        mark(ALICE_PHONE, Cursor.READ, 2);

        assertThat(world.eventsTo("conn-bob")).filteredOn(event -> !event.get("type").asText().equals("message")).satisfiesExactly(
                delivered -> assertThat(cursors(delivered)).containsExactly(0L, 3L),
                read -> assertThat(cursors(read)).containsExactly(2L, 3L));
        assertThat(world.eventsTo("conn-bob")).allSatisfy(event -> assertThat(event.has("unreadCount")
                && !event.get("unreadCount").isNull()).isFalse());
    }

    @Test
    void a_regression_is_ignored_and_tells_nobody() {
        mark(ALICE_PHONE, Cursor.READ, 3);
        int posts = world.publisher.posts().size();

        ReceiptReply again = mark(ALICE_LAPTOP, Cursor.READ, 1);
        ReceiptReply delivered = mark(ALICE_LAPTOP, Cursor.DELIVERED, 2);

        assertThat(again).isEqualTo(new ReceiptReply(WITH_BOB, 3, 3, 0, false));
        assertThat(delivered.moved()).as("read implies delivered").isFalse();
        assertThat(world.publisher.posts()).hasSize(posts);
    }

    @Test
    void a_cursor_never_moves_past_the_last_message() {
        assertThat(failureOf(() -> mark(ALICE_PHONE, Cursor.READ, 4)))
                .isEqualTo(new Failure.BadRequest("upToSeq 4 is past the last seq 3"));
        assertThat(world.rows.get("alice", WITH_BOB).readSeq()).isZero();
    }

    @Test
    void a_row_that_lags_a_just_stored_message_is_caught_up_from_the_timeline() {
        MemberState row = world.rows.get("alice", WITH_BOB);
        world.rows.put(new MemberState("alice", WITH_BOB, 1, row.lastActivityAt(), row.updatedAt(), 0, 0, 0));

        ReceiptReply reply = mark(ALICE_PHONE, Cursor.READ, 3);

        assertThat(reply).isEqualTo(new ReceiptReply(WITH_BOB, 3, 3, 0, true));
        assertThat(world.rows.get("alice", WITH_BOB).lastSeq()).isEqualTo(3);
    }

    @Test
    void a_non_member_gets_not_found_and_a_seq_below_one_is_a_bad_request() {
        assertThat(failureOf(() -> mark(new Actor("mallory", "x", "conn-m"), Cursor.READ, 1)))
                .isEqualTo(new Failure.ConversationNotFound(WITH_BOB));
        assertThat(failureOf(() -> mark(ALICE_PHONE, Cursor.READ, 0)))
                .isEqualTo(new Failure.BadRequest("Field \"upToSeq\" must be at least 1."));
    }

    @Test
    void in_a_group_above_the_threshold_only_the_readers_own_devices_hear_of_it() {
        String big = ConversationId.newGroup();
        String[] members = IntStream.range(0, Limits.RECEIPTS_MAX_MEMBERS + 1)
                .mapToObj(i -> i == 0 ? "alice" : i == 1 ? "bob" : "user" + i).toArray(String[]::new);
        world.conversation(big, Kind.GROUP, members);
        world.send(BOB, big, "hello all");

        new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(ALICE_PHONE, Cursor.READ, new MarkReceipt.Command(big, 1L));

        assertThat(world.eventsTo("conn-bob")).isEmpty();
        assertThat(world.eventsTo("conn-alice-laptop")).filteredOn(event -> event.get("type").asText().equals("receipt")).hasSize(1);
    }

    /**
     * A large conversation's messages move no member's row: the row's lastSeq is what alice's last
     * cursor move raised it to (10), and the reply once counted from it (20 stored: 5 unread instead of 15).
     */
    @Test
    void in_a_large_group_the_unread_count_comes_from_the_timeline_not_from_the_rows_stale_last_seq() {
        String large = ConversationId.newGroup();
        world.messages.createLarge(large);
        world.rows.put(new MemberState("alice", large, 0, 0, 0, 0, 0, 0, true));
        store(large, 10);
        ReceiptReply first = new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(ALICE_PHONE, Cursor.READ, new MarkReceipt.Command(large, 3L));
        assertThat(first).isEqualTo(new ReceiptReply(large, 3, 3, 7, true));
        assertThat(world.rows.get("alice", large).lastSeq()).as("raised to the timeline's last seq then").isEqualTo(10);
        store(large, 10);

        ReceiptReply read = new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(ALICE_PHONE, Cursor.READ, new MarkReceipt.Command(large, 5L));
        ReceiptReply delivered = new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(ALICE_LAPTOP, Cursor.DELIVERED, new MarkReceipt.Command(large, 12L));
        ReceiptReply regression = new MarkReceipt(world.rows, world.messages, world.fanOut, world.clock)
                .mark(ALICE_LAPTOP, Cursor.READ, new MarkReceipt.Command(large, 4L));

        assertThat(read).isEqualTo(new ReceiptReply(large, 5, 5, 15, true));
        assertThat(delivered).isEqualTo(new ReceiptReply(large, 5, 12, 15, true));
        assertThat(regression).isEqualTo(new ReceiptReply(large, 5, 12, 15, false));
        assertThat(world.eventsTo("conn-alice-laptop")).filteredOn(event -> event.get("type").asText().equals("receipt"))
                .extracting(event -> event.get("unreadCount").asLong()).containsExactly(7L, 15L);
        assertThat(world.eventsTo("conn-bob")).as("no receipts to other members of a large group")
                .filteredOn(event -> event.get("type").asText().equals("receipt")).isEmpty();
    }

    private void store(String conversationId, int count) {
        IntStream.range(0, count).forEach(i -> world.store(BOB, conversationId, "hello " + i));
    }

    private static java.util.List<Long> cursors(JsonNode payload) {
        return java.util.List.of(payload.get("readSeq").asLong(), payload.get("deliveredSeq").asLong());
    }
}
