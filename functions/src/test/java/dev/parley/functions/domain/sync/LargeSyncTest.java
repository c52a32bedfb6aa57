package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.model.Limits;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncedConversation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync of a large conversation reads its partition once (issue 18, hot partitions: docs/cost.md): the
 * header and the newest messages down to the device's cursor in one Query, which is also the page of
 * a device new to it (the newest {@link Limits#LARGE_SYNC_PAGE}) or at most that far behind. A device
 * further behind pages forward from its cursor with one more Query, gapless as in any conversation.
 */
class LargeSyncTest {
    private static final Actor BOB = new Actor("bob", "phone", "conn-bob");
    private static final Actor ALICE = new Actor("alice", "web", "conn-alice");
    private static final String BIG = ConversationId.newGroup();

    private final SyncWorld world = new SyncWorld();

    @BeforeEach
    void aLargeGroupWith30Messages() {
        world.largeConversation(BIG, "alice", "bob", "carol");
        IntStream.rangeClosed(1, 30).forEach(i -> world.store(ALICE, BIG, "message " + i));
    }

    private SyncedConversation sync(Long cursor, Integer limit) {
        SyncReply reply = world.sync().sync(BOB, new Sync.Command(cursor == null ? Map.of() : Map.of(BIG, cursor), null, limit));
        return reply.conversations().stream().filter(entry -> entry.conversation().conversationId().equals(BIG))
                .findFirst().orElseThrow();
    }

    private static LongStream seqs(SyncedConversation entry) {
        return entry.messages().stream().mapToLong(MessageEvent::seq);
    }

    @Test
    void a_device_a_few_messages_behind_gets_them_from_one_read_of_the_conversation_and_no_header_read_of_its_own() {
        SyncedConversation entry = sync(28L, null);

        assertThat(seqs(entry)).containsExactly(29L, 30L);
        assertThat(entry.hasMore()).isFalse();
        assertThat(entry.conversation().lastSeq()).isEqualTo(30);
        assertThat(entry.conversation().unreadCount()).isEqualTo(30);
        assertThat(world.timeline.pageReads()).as("reads of the conversation's partition").isEqualTo(1);
        assertThat(world.timeline.headersRead()).isEmpty();
    }

    @Test
    void a_device_LARGE_SYNC_PAGE_behind_still_needs_one_read_one_further_behind_needs_two() {
        assertThat(seqs(sync(30L - Limits.LARGE_SYNC_PAGE, null))).containsExactlyElementsOf(
                LongStream.rangeClosed(31 - Limits.LARGE_SYNC_PAGE, 30).boxed().toList());
        assertThat(world.timeline.pageReads()).isEqualTo(1);

        SyncedConversation further = sync(20L, 5);

        assertThat(seqs(further)).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(further.hasMore()).as("sync again from the new cursor").isTrue();
        assertThat(world.timeline.pageReads()).isEqualTo(3);
    }

    @Test
    void a_device_new_to_the_conversation_gets_the_newest_LARGE_SYNC_PAGE_whatever_limit_it_asks_for() {
        SyncedConversation entry = sync(null, 50);

        assertThat(seqs(entry)).containsExactlyElementsOf(LongStream.rangeClosed(31 - Limits.LARGE_SYNC_PAGE, 30).boxed().toList());
        assertThat(entry.hasMore()).as("older messages: page back with history").isTrue();
        assertThat(world.timeline.pageReads()).isEqualTo(1);
        assertThat(Limits.LARGE_SYNC_PAGE).as("pinned by the partition's read budget, docs/cost.md").isEqualTo(8);
    }

    @Test
    void an_unchanged_large_conversation_costs_its_one_read_and_is_not_listed() {
        SyncReply reply = world.sync().sync(BOB, new Sync.Command(Map.of(BIG, 30L), null, null));

        assertThat(reply.conversations()).isEmpty();
        assertThat(world.timeline.pageReads()).isEqualTo(1);
    }

    @Test
    void a_reply_page_limit_below_what_is_new_cuts_the_page_and_says_more() {
        SyncedConversation entry = sync(25L, 2);

        assertThat(seqs(entry)).containsExactly(26L, 27L);
        assertThat(entry.hasMore()).isTrue();
        assertThat(world.timeline.pageReads()).isEqualTo(1);
    }
}
