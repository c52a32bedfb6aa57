package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ReadCounts;
import dev.parley.model.ErrorCode;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** client.readCounts(): "read by N" in a large group over real sockets, typed; a member who leaves stops counting. */
class ReadCountsTest extends LiveTest {

    @Test
    void theSenderSeesHowManyMembersReadEachMessageAndALeaverNoLongerCounts() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());
        ParleyClient bob = connect("bob", new Recorder());
        ParleyClient carol = connect("carol", new Recorder());
        String group = newGroup(alice, bob, carol);
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_MEMBERS - 2; i++) {
            crowd.add(UUID.randomUUID().toString());
        }
        assertThat(get(alice.groups().addMembers(group, crowd)).tier()).isEqualTo(ConversationSummary.LARGE);
        alice.send(group, "one");
        alice.send(group, "two");
        await().atMost(WAIT).until(() -> alice.store().outbox().isEmpty());
        List<Long> seqs = get(alice.api().history(group, null, 10)).messages().stream().map(MessageEvent::seq).toList();
        assertThat(seqs).hasSize(2);
        long first = seqs.get(0);
        long second = seqs.get(1);
        get(bob.markRead(group, second));
        get(carol.markRead(group, first));

        ReadCounts counts = get(alice.readCounts(group, List.of(first, second)));

        assertThat(counts.conversationId()).isEqualTo(group);
        assertThat(List.of(counts.readBy(first), counts.readBy(second))).containsExactly(2L, 1L);
        assertThat(counts.exact(first)).isTrue();
        assertThat(counts.readBy(second + 1)).as("not asked").isNull();

        get(carol.api().leaveConversation(group));
        assertThat(get(alice.readCounts(group, List.of(first, second))).readBy(first)).as("carol left").isEqualTo(1L);

        List<Long> many = LongStream.rangeClosed(1, Limits.MAX_READ_COUNT_SEQS + 10).boxed().toList();
        long sentBefore = alice.requestsSent("readCounts");
        ReadCounts all = get(alice.readCounts(group, many));
        assertThat(alice.requestsSent("readCounts") - sentBefore).as("requests of 50").isEqualTo(2);
        assertThat(all.readBy()).containsOnlyKeys(many);
        assertThat(all.readBy(first)).isEqualTo(1L);
        assertThat(all.readBy(many.get(many.size() - 1))).as("past the last seq").isZero();
    }

    @Test
    void aSmallGroupIsRefusedForItHasReceiptsAndNoSeqIsNoRequest() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());
        ParleyClient bob = connect("bob", new Recorder());
        String small = newGroup(alice, bob);

        Throwable failed = catchThrowable(() -> alice.readCounts(small, List.of(1L)).get(30, TimeUnit.SECONDS));

        assertThat(failed).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ParleyException.ServerError.class);
        assertThat(((ParleyException.ServerError) failed.getCause()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThatThrownBy(() -> alice.readCounts(small, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.readCounts(small, List.of(0L))).isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
