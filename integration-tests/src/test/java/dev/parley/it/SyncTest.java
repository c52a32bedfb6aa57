package dev.parley.it;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.LeaveConversationReply;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.SyncedConversation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sync and history over real sockets (docs/protocol/sync.md): a device that was offline gets
 * exactly what it missed, a new device gets the latest page of every conversation, and history
 * pages backwards. The test users carry conversations from other tests and earlier runs, so the
 * tests look only at the conversations they create.
 */
class SyncTest extends WithThreeUsers {

    @Test
    void a_device_offline_while_50_messages_arrive_in_3_conversations_syncs_exactly_those_50_in_order_with_unread_counts() {
        String phoneId = Device.uniqueId("phone");
        List<String> groups = new ArrayList<>();
        Map<String, List<String>> sentByConversation = new LinkedHashMap<>();
        SyncedStore store;
        try (Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            try (Device phone = Device.reconnect(alice, phoneId)) {
                for (int i = 1; i <= 3; i++) {
                    groups.add(phone.createGroup("offline " + i, false, bob.userId(), carol.userId()).conversationId());
                }
                store = SyncedStore.startingNow(phone);
                groups.forEach(id -> store.holding(id, 0));
            }
            groups.forEach(id -> sentByConversation.put(id, new ArrayList<>()));
            for (int i = 0; i < 50; i++) {
                String id = groups.get(i % 3);
                Device sender = i % 2 == 0 ? b : c;
                String clientMessageId = Device.uniqueId("missed");
                long seq = sender.send(id, clientMessageId, "missed " + i).seq();
                sentByConversation.get(id).add(clientMessageId);
                assertThat(seq).isEqualTo(sentByConversation.get(id).size());
            }
        }

        try (Device phone = Device.reconnect(alice, phoneId)) {
            List<SyncReply> pages = store.catchUp(phone, 10);

            assertThat(pages.size()).as("17 messages at 10 per page take more than one page").isGreaterThan(1);
            int total = 0;
            for (String id : groups) {
                List<String> expected = sentByConversation.get(id);
                List<MessageEvent> got = store.messages(id);
                assertThat(got).extracting(MessageEvent::clientMessageId).as("messages of " + id)
                        .containsExactlyElementsOf(expected);
                assertThat(got).extracting(MessageEvent::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
                SyncedConversation synced = store.latest(id);
                assertThat(synced.conversation().lastSeq()).isEqualTo(expected.size());
                assertThat(synced.conversation().unreadCount()).as("alice read none of them").isEqualTo(expected.size());
                assertThat(synced.readSeq()).isZero();
                total += got.size();
            }
            assertThat(total).isEqualTo(50);
            assertThat(store.since()).as("the final page's syncToken is kept").isNotBlank();

            Map<String, Long> cursors = groups.stream().collect(Collectors.toMap(id -> id, store::cursor));
            SyncReply again = phone.call(Actions.SYNC, new SyncRequest(cursors, store.since(), 10), SyncReply.class);
            assertThat(again.conversations()).filteredOn(sc -> groups.contains(sc.conversation().conversationId()))
                    .as("with every cursor at the end no message comes again (the syncToken's overlap may list a conversation)")
                    .allSatisfy(sc -> assertThat(sc.messages()).isEmpty());
            assertThat(again.hasMore()).isFalse();
        }
    }

    @Test
    void a_brand_new_device_sees_every_conversation_with_its_latest_messages_and_history_pages_back() {
        String big;
        String small;
        String quiet;
        try (Device phone = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            big = phone.createGroup("new device big", false, bob.userId(), carol.userId()).conversationId();
            small = phone.createGroup("new device small", false, carol.userId()).conversationId();
            quiet = phone.createGroup("new device quiet", false, bob.userId()).conversationId();
            for (int i = 1; i <= 8; i++) {
                b.send(big, Device.uniqueId("big"), "big " + i);
            }
            for (int i = 1; i <= 2; i++) {
                c.send(small, Device.uniqueId("small"), "small " + i);
            }
        }

        try (Device laptop = Device.connect(alice)) {
            SyncedStore store = SyncedStore.empty();
            store.catchUp(laptop, 5, Set.of(big, small, quiet));

            SyncedConversation bigSynced = store.latest(big);
            assertThat(bigSynced.messages()).extracting(MessageEvent::seq).as("the latest 5 of 8")
                    .containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(bigSynced.messages()).extracting(MessageEvent::text).containsExactly("big 4", "big 5", "big 6", "big 7", "big 8");
            assertThat(bigSynced.hasMore()).as("older messages exist").isTrue();
            assertThat(bigSynced.conversation().unreadCount()).isEqualTo(8);
            assertThat(bigSynced.members()).containsExactlyInAnyOrder(alice.userId(), bob.userId(), carol.userId());
            assertThat(bigSynced.receipts()).as("the other members' cursors; a sender has read up to its own message,"
                            + " and carol's live device got every message, which the server recorded as delivered")
                    .containsExactlyInAnyOrder(new MemberCursor(bob.userId(), 8, 8), new MemberCursor(carol.userId(), 0, 8));

            SyncedConversation smallSynced = store.latest(small);
            assertThat(smallSynced.messages()).extracting(MessageEvent::text).containsExactly("small 1", "small 2");
            assertThat(smallSynced.hasMore()).isFalse();
            assertThat(smallSynced.conversation().unreadCount()).isEqualTo(2);

            SyncedConversation quietSynced = store.latest(quiet);
            assertThat(quietSynced.messages()).isEmpty();
            assertThat(quietSynced.hasMore()).isFalse();
            assertThat(quietSynced.conversation().lastSeq()).isZero();
            assertThat(quietSynced.members()).containsExactlyInAnyOrder(alice.userId(), bob.userId());

            assertThat(store.order()).as("most recently active first").containsSubsequence(small, big, quiet);

            HistoryReply older = laptop.call(Actions.HISTORY, new HistoryRequest(big, 4L, 2), HistoryReply.class);
            assertThat(older.conversationId()).isEqualTo(big);
            assertThat(older.messages()).extracting(MessageEvent::seq).as("oldest first").containsExactly(2L, 3L);
            assertThat(older.hasMore()).isTrue();
            HistoryReply oldest = laptop.call(Actions.HISTORY, new HistoryRequest(big, 2L, null), HistoryReply.class);
            assertThat(oldest.messages()).extracting(MessageEvent::text).containsExactly("big 1");
            assertThat(oldest.hasMore()).isFalse();
            HistoryReply newest = laptop.call(Actions.HISTORY, new HistoryRequest(big, null, 3), HistoryReply.class);
            assertThat(newest.messages()).extracting(MessageEvent::seq).containsExactly(6L, 7L, 8L);
        }
    }

    @Test
    void cursors_of_conversations_the_user_left_or_that_do_not_exist_come_back_as_removed_and_are_no_error() {
        try (Device a = Device.connect(alice)) {
            String left = a.createGroup("left behind", false, bob.userId()).conversationId();
            String unknown = "g_" + UUID.randomUUID().toString().replace("-", "");
            a.send(left, Device.uniqueId("m"), "bye");
            SyncedStore store = SyncedStore.startingNow(a).holding(left, 1).holding(unknown, 3);
            LeaveConversationReply gone = a.call(Actions.LEAVE_CONVERSATION, new LeaveConversationRequest(left), LeaveConversationReply.class);
            assertThat(gone.conversationId()).isEqualTo(left);

            store.catchUp(a, null);

            assertThat(store.removed()).containsExactlyInAnyOrder(left, unknown);
            assertThat(store.order()).doesNotContain(left, unknown);
        }
    }
}
