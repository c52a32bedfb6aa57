package dev.parley.it;

import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SyncedConversation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivered and read cursors over real sockets (docs/protocol/sync.md, "Receipts"): what a
 * user reads on one device stops counting as unread on the others, and the sender's devices
 * see delivered, then read. Every conversation here has at most
 * {@link Limits#RECEIPTS_MAX_MEMBERS} members, so the other members get receipt events.
 */
class ReceiptsTest extends WithThreeUsers {

    private static ReceiptEvent awaitReceipt(Device device, String conversationId, String userId, String what) {
        return device.awaitEvent(Actions.RECEIPT_EVENT,
                p -> p.path("conversationId").asText().equals(conversationId) && p.path("userId").asText().equals(userId),
                ReceiptEvent.class, Device.WAIT, what);
    }

    private static ReceiptReply mark(Device device, String action, String conversationId, long upToSeq) {
        return device.call(action, new MarkRequest(conversationId, upToSeq), ReceiptReply.class);
    }

    @Test
    void reading_on_one_device_clears_the_unread_count_on_the_users_live_other_device_and_its_next_sync_agrees() {
        try (Device phone = Device.connect(alice); Device laptop = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = b.createGroup("read on the phone", false, alice.userId()).conversationId();
            SyncedStore laptopStore = SyncedStore.startingNow(laptop).holding(id, 0);
            for (int i = 1; i <= 3; i++) {
                b.send(id, Device.uniqueId("unread"), "unread " + i);
            }
            phone.awaitMessage(id, 3);
            assertThat(laptop.get(id).conversation().unreadCount()).as("before reading").isEqualTo(3);

            ReceiptReply read = mark(phone, Actions.MARK_READ, id, 3);

            assertThat(read.conversationId()).isEqualTo(id);
            assertThat(read.moved()).isTrue();
            assertThat(read.readSeq()).isEqualTo(3);
            assertThat(read.deliveredSeq()).as("reading implies delivery").isEqualTo(3);
            assertThat(read.unreadCount()).isZero();
            ReceiptEvent onLaptop = awaitReceipt(laptop, id, alice.userId(), "alice's own receipt");
            assertThat(onLaptop.deviceId()).isEqualTo(phone.deviceId());
            assertThat(onLaptop.readSeq()).isEqualTo(3);
            assertThat(onLaptop.unreadCount()).as("the user's own devices get the new unread count").isZero();
            assertThat(phone.eventsWithin(Actions.RECEIPT_EVENT, p -> true, ReceiptEvent.class, Duration.ZERO))
                    .as("the reading connection gets only the reply").isEmpty();

            laptopStore.catchUp(laptop, null);
            SyncedConversation synced = laptopStore.latest(id);
            assertThat(synced.readSeq()).isEqualTo(3);
            assertThat(synced.conversation().unreadCount()).isZero();
            assertThat(laptopStore.messages(id)).hasSize(3);
            assertThat(laptop.get(id).conversation().unreadCount()).as("getConversation agrees").isZero();
        }
    }

    @Test
    void the_senders_devices_see_delivered_then_read_and_a_regression_is_ignored() {
        try (Device phone = Device.connect(alice); Device laptop = Device.connect(alice); Device b = Device.connect(bob);
             Device c = Device.connect(carol)) {
            String id = phone.createGroup("receipts", false, bob.userId(), carol.userId()).conversationId();
            SendMessageReply sent = phone.send(id, Device.uniqueId("m"), "did you get this?");
            long seq = sent.seq();
            b.awaitMessage(id, seq);

            assertThat(sent.deliveredTo()).as("the live posts reached bob and carol: the server recorded it")
                    .containsExactlyInAnyOrder(bob.userId(), carol.userId());
            ReceiptEvent delivered = awaitReceipt(laptop, id, bob.userId(), "bob's delivered receipt");
            assertThat(delivered.deliveredSeq()).isEqualTo(seq);
            assertThat(delivered.readSeq()).isZero();
            assertThat(delivered.deviceId()).as("no device moved it").isNull();
            assertThat(delivered.unreadCount()).as("another member's receipt carries no unread count").isNull();

            ReceiptReply late = mark(b, Actions.MARK_DELIVERED, id, seq);
            assertThat(late.moved()).as("already delivered: a markDelivered for a live message changes nothing").isFalse();
            assertThat(late.deliveredSeq()).isEqualTo(seq);
            assertThat(late.unreadCount()).isEqualTo(1);

            ReceiptReply read = mark(b, Actions.MARK_READ, id, seq);
            assertThat(read.moved()).isTrue();
            assertThat(read.unreadCount()).isZero();
            for (Device sender : new Device[] {phone, laptop}) {
                ReceiptEvent receipt = awaitReceipt(sender, id, bob.userId(), "bob's read receipt");
                assertThat(receipt.readSeq()).isEqualTo(seq);
                assertThat(receipt.deliveredSeq()).isEqualTo(seq);
                assertThat(receipt.deviceId()).isEqualTo(b.deviceId());
            }
            assertThat(awaitReceipt(c, id, bob.userId(), "bob's read receipt at carol").readSeq()).isEqualTo(seq);

            ReceiptReply regression = mark(b, Actions.MARK_READ, id, seq);
            assertThat(regression.moved()).as("cursors only move forward").isFalse();
            assertThat(regression.readSeq()).isEqualTo(seq);
            long marker = c.send(id, Device.uniqueId("marker"), "after the regression").seq();
            phone.awaitMessage(id, marker);
            assertThat(phone.eventsWithin(Actions.RECEIPT_EVENT, Device.field("userId", bob.userId()), ReceiptEvent.class,
                    Duration.ZERO)).as("an ignored regression sends nothing: no receipt besides the read one, before the marker")
                    .isEmpty();

            SyncedStore laptopStore = SyncedStore.startingNow(laptop).holding(id, 0);
            laptopStore.catchUp(laptop, null, Set.of(id));
            SyncedConversation synced = laptopStore.latest(id);
            assertThat(synced.receipts()).contains(new MemberCursor(bob.userId(), seq, marker),
                    new MemberCursor(carol.userId(), marker, marker));
            assertThat(synced.receipts()).extracting(MemberCursor::userId).doesNotContain(alice.userId());
        }
    }

    @Test
    void a_delivery_to_an_online_device_reaches_the_sender_with_no_markDelivered_and_an_offline_device_learns_it_by_sync() {
        try (Device phone = Device.connect(alice); Device laptop = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = phone.createGroup("delivered by the server", false, bob.userId()).conversationId();

            SendMessageReply sent = phone.send(id, Device.uniqueId("m"), "are you there?");
            b.awaitMessage(id, sent.seq());

            assertThat(sent.deliveredTo()).containsExactly(bob.userId());
            ReceiptEvent onLaptop = awaitReceipt(laptop, id, bob.userId(), "bob's delivery, recorded by the server");
            assertThat(onLaptop.deliveredSeq()).isEqualTo(sent.seq());
            assertThat(onLaptop.readSeq()).isZero();

            try (Device tablet = Device.connect(alice)) {
                SyncedStore tabletStore = SyncedStore.empty();
                tabletStore.catchUp(tablet, null, Set.of(id));
                assertThat(tabletStore.latest(id).receipts()).as("a device that was offline learns it by sync")
                        .containsExactly(new MemberCursor(bob.userId(), 0, sent.seq()));
            }
            assertThat(phone.eventsWithin(Actions.RECEIPT_EVENT, p -> true, ReceiptEvent.class, Duration.ZERO))
                    .as("the sending device had it in the reply").isEmpty();
        }
        try (Device offlineSender = Device.connect(alice); Device bobLater = Device.connect(bob)) {
            String id = offlineSender.createGroup("bob offline", false, carol.userId()).conversationId();
            SendMessageReply sent = offlineSender.send(id, Device.uniqueId("m"), "nobody online");
            assertThat(sent.deliveredTo()).as("carol was offline: nothing is claimed").isNull();
        }
    }

    @Test
    void one_markRead_for_the_newest_seq_reads_a_burst_for_the_sender_and_the_readers_other_device() {
        try (Device b = Device.connect(bob); Device phone = Device.connect(alice); Device laptop = Device.connect(alice)) {
            String id = b.createGroup("a burst", false, alice.userId()).conversationId();
            long last = 0;
            for (int i = 1; i <= 3; i++) {
                last = b.send(id, Device.uniqueId("burst"), "part " + i).seq();
            }
            phone.awaitMessage(id, last);

            ReceiptReply read = mark(phone, Actions.MARK_READ, id, last);

            assertThat(read.readSeq()).isEqualTo(last);
            assertThat(read.unreadCount()).isZero();
            ReceiptEvent atSender = awaitReceipt(b, id, alice.userId(), "alice's one read receipt");
            assertThat(atSender.readSeq()).as("the newest seq: every message of the burst is read").isEqualTo(last);
            assertThat(awaitReceipt(laptop, id, alice.userId(), "alice's read on her laptop").unreadCount()).isZero();
            long marker = phone.send(id, Device.uniqueId("marker"), "read them").seq();
            b.awaitMessage(id, marker);
            assertThat(b.eventsWithin(Actions.RECEIPT_EVENT, Device.field("userId", alice.userId()), ReceiptEvent.class,
                    Duration.ZERO)).as("one receipt for the burst (the one awaited), none per message, before the marker")
                    .isEmpty();
        }
    }
}
