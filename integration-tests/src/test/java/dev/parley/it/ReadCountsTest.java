package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.LeaveConversationReply;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.ReadCountsReply;
import dev.parley.model.v1.ReadCountsReply.ReadCount;
import dev.parley.model.v1.ReadCountsRequest;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.RemoveMembersRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read counts of a large conversation over real sockets (issue 18): markRead counts the reader,
 * readCounts answers "read by N" per seq; members who are removed or leave are taken out of the
 * counts; a small conversation is refused (it has receipts).
 * The count is written before markRead replies, so it is there when the reply is.
 */
class ReadCountsTest extends WithThreeUsers {

    @Test
    void the_sender_sees_how_many_members_read_each_of_their_messages_in_a_large_group() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("Read counts", false, bob.userId(), carol.userId()).conversationId();
            List<String> strangers = IntStream.range(0, Limits.MAX_MEMBERS - 2).mapToObj(i -> UUID.randomUUID().toString()).toList();
            assertThat(a.call(Actions.ADD_MEMBERS, new AddMembersRequest(id, strangers), ConversationReply.class)
                    .conversation().tier()).isEqualTo("large");
            long first = a.send(id, Device.uniqueId("count"), "one").seq();
            a.send(id, Device.uniqueId("count"), "two");
            long third = a.send(id, Device.uniqueId("count"), "three").seq();
            List<Long> seqs = List.of(first, first + 1, third);
            assertThat(a.call(Actions.READ_COUNTS, new ReadCountsRequest(id, seqs), ReadCountsReply.class).counts())
                    .extracting(ReadCount::readBy).as("nobody has read").containsExactly(0L, 0L, 0L);

            b.call(Actions.MARK_READ, new MarkRequest(id, first), ReceiptReply.class);
            b.call(Actions.MARK_READ, new MarkRequest(id, third), ReceiptReply.class);
            c.call(Actions.MARK_READ, new MarkRequest(id, first), ReceiptReply.class);
            assertThat(b.call(Actions.MARK_READ, new MarkRequest(id, first + 1), ReceiptReply.class).moved())
                    .as("a regression moves nothing and counts nothing").isFalse();

            ReadCountsReply counts = a.call(Actions.READ_COUNTS, new ReadCountsRequest(id, seqs), ReadCountsReply.class);
            assertThat(counts).isEqualTo(new ReadCountsReply(id, 1,
                    List.of(new ReadCount(first, 2), new ReadCount(first + 1, 1), new ReadCount(third, 1))));
        }
    }

    @Test
    void members_removed_from_or_leaving_a_large_group_no_longer_count_as_readers() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("Leavers", false, bob.userId(), carol.userId()).conversationId();
            List<String> strangers = IntStream.range(0, Limits.MAX_MEMBERS - 2).mapToObj(i -> UUID.randomUUID().toString()).toList();
            a.call(Actions.ADD_MEMBERS, new AddMembersRequest(id, strangers), ConversationReply.class);
            long first = a.send(id, Device.uniqueId("leavers"), "one").seq();
            long second = a.send(id, Device.uniqueId("leavers"), "two").seq();
            b.call(Actions.MARK_READ, new MarkRequest(id, second), ReceiptReply.class);
            c.call(Actions.MARK_READ, new MarkRequest(id, first), ReceiptReply.class);
            ReadCountsRequest ask = new ReadCountsRequest(id, List.of(first, second));
            assertThat(a.call(Actions.READ_COUNTS, ask, ReadCountsReply.class).counts())
                    .extracting(ReadCount::readBy).containsExactly(2L, 1L);

            RemoveMembersRequest removeBob = new RemoveMembersRequest(id, List.of(bob.userId()));
            a.call(Actions.REMOVE_MEMBERS, removeBob, ConversationReply.class);
            assertThat(a.call(Actions.READ_COUNTS, ask, ReadCountsReply.class).counts())
                    .extracting(ReadCount::readBy).as("bob, who had read both, was removed").containsExactly(1L, 0L);
            a.call(Actions.REMOVE_MEMBERS, removeBob, ConversationReply.class);
            c.call(Actions.LEAVE_CONVERSATION, new LeaveConversationRequest(id), LeaveConversationReply.class);

            assertThat(a.call(Actions.READ_COUNTS, ask, ReadCountsReply.class).counts())
                    .extracting(ReadCount::readBy).as("carol left; the repeated removal took nothing twice").containsExactly(0L, 0L);
        }
    }

    @Test
    void read_counts_are_refused_for_a_small_conversation_a_stranger_and_bad_seqs() {
        try (Device a = Device.connect(alice); Device c = Device.connect(carol)) {
            String small = a.createGroup("Small", false, bob.userId()).conversationId();
            a.send(small, Device.uniqueId("small"), "hello");

            a.refused(Actions.READ_COUNTS, new ReadCountsRequest(small, List.of(1L)), ErrorCode.BAD_REQUEST);
            c.refused(Actions.READ_COUNTS, new ReadCountsRequest(small, List.of(1L)), ErrorCode.NOT_FOUND);
            a.refused(Actions.READ_COUNTS, new ReadCountsRequest(small, List.of()), ErrorCode.BAD_REQUEST);
            a.refused(Actions.READ_COUNTS, new ReadCountsRequest(small, List.of(0L)), ErrorCode.BAD_REQUEST);
        }
    }
}
