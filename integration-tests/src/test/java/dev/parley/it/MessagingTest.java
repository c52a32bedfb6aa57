package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.CreateConversationReply;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.ListDevicesReply;
import dev.parley.model.v1.ListDevicesRequest;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.UserMatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages over real sockets: stored in order, delivered to every live device of every member
 * but the sending connection, exactly once, even when the client retries or a device drops.
 * Every test uses its own group (or reads lastSeq first in the one direct conversation), so the
 * suite runs again and again against the same stack.
 */
class MessagingTest extends WithThreeUsers {
    @Test
    void two_users_chat_both_ways_in_a_direct_conversation_created_with_the_id_findUsers_gave() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            FindUsersReply found = a.call(Actions.FIND_USERS, new FindUsersRequest(List.of(bob.username())), FindUsersReply.class);
            assertThat(found.users()).extracting(UserMatch::username).containsExactly(bob.username());
            CreateConversationReply direct = a.createDirect(found.users().getFirst().userId());
            String id = direct.conversation().conversationId();
            assertThat(id).startsWith("d_");
            long start = a.lastSeq(id);

            String hello = Device.uniqueId("hello");
            SendMessageReply sent = a.send(id, hello, "Hi Bob");
            assertThat(sent.conversationId()).isEqualTo(id);
            assertThat(sent.seq()).isEqualTo(start + 1);
            assertThat(sent.sentAt()).isPositive();

            MessageEvent atBob = b.awaitMessage(id, sent.seq());
            assertThat(atBob.senderId()).isEqualTo(alice.userId());
            assertThat(atBob.senderDeviceId()).isEqualTo(a.deviceId());
            assertThat(atBob.sentAt()).isEqualTo(sent.sentAt());
            assertThat(atBob.clientMessageId()).isEqualTo(hello);
            assertThat(atBob.text()).isEqualTo("Hi Bob");
            assertThat(atBob.ciphertext()).isNull();

            SendMessageReply answer = b.send(id, Device.uniqueId("answer"), "Hi Alice 👋");
            assertThat(answer.seq()).isEqualTo(start + 2);
            MessageEvent atAlice = a.awaitMessage(id, answer.seq());
            assertThat(atAlice.senderId()).isEqualTo(bob.userId());
            assertThat(atAlice.senderDeviceId()).isEqualTo(b.deviceId());
            assertThat(atAlice.text()).isEqualTo("Hi Alice 👋");

            assertThat(a.messagesBeforeMarker(id)).as("alice's connection gets only the reply to her own message").isEmpty();
            assertThat(b.messagesBeforeMarker(id)).as("and so does bob's").isEmpty();
        }
    }

    @Test
    void in_a_group_every_live_device_including_the_senders_other_device_gets_each_message_once() {
        try (Device a = Device.connect(alice); Device bobPhone = Device.connect(bob); Device bobLaptop = Device.connect(bob);
             Device c = Device.connect(carol)) {
            String id = a.createGroup("every device", false, bob.userId(), carol.userId()).conversationId();
            List<Device> devices = List.of(a, bobPhone, bobLaptop, c);

            Map<Device, Long> seqBySender = new LinkedHashMap<>();
            for (Device sender : devices) {
                seqBySender.put(sender, sender.send(id, Device.uniqueId("each"), "from " + sender.deviceId()).seq());
            }

            assertThat(seqBySender.values()).containsExactly(1L, 2L, 3L, 4L);
            for (Device receiver : devices) {
                List<MessageEvent> received = receiver.messagesBeforeMarker(id);
                List<Long> fromOthers = seqBySender.entrySet().stream()
                        .filter(e -> e.getKey() != receiver).map(Map.Entry::getValue).toList();
                assertThat(received).extracting(MessageEvent::seq).as("events on " + receiver.deviceId())
                        .containsExactlyInAnyOrderElementsOf(fromOthers);
            }
        }
    }

    @Test
    void a_retried_client_message_id_gets_the_same_seq_one_stored_message_and_one_delivery() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("retry", false, bob.userId()).conversationId();
            String clientMessageId = Device.uniqueId("retry");

            SendMessageReply original = a.send(id, clientMessageId, "only once");
            b.awaitMessage(id, original.seq());
            SendMessageReply retry = a.send(id, clientMessageId, "only once");

            assertThat(retry.seq()).isEqualTo(original.seq());
            assertThat(retry.sentAt()).isEqualTo(original.sentAt());
            assertThat(b.messagesBeforeMarker(id)).as("no second delivery").isEmpty();
            assertThat(a.lastSeq(id)).as("one stored message").isEqualTo(original.seq());
            assertThat(a.send(id, Device.uniqueId("next"), "next").seq()).as("no gap after a retry").isEqualTo(original.seq() + 1);
        }
    }

    @Test
    void a_retry_from_the_same_device_after_reconnecting_is_recognised_while_the_original_is_in_the_dedupe_window() {
        try (Device b = Device.connect(bob)) {
            Device a = Device.connect(alice);
            String id = a.createGroup("reconnect retry", false, bob.userId()).conversationId();
            String clientMessageId = Device.uniqueId("outbox");
            SendMessageReply original = a.send(id, clientMessageId, "sent before the tunnel");
            b.awaitMessage(id, original.seq());
            for (int i = 0; i < Limits.DEDUPE_WINDOW - 1; i++) {
                b.send(id, Device.uniqueId("meanwhile"), "meanwhile " + i);
            }
            a.abort();

            try (Device again = Device.reconnect(alice, a.deviceId())) {
                SendMessageReply retry = again.send(id, clientMessageId, "sent before the tunnel");
                assertThat(retry.seq()).isEqualTo(original.seq());
                assertThat(again.lastSeq(id)).isEqualTo(Limits.DEDUPE_WINDOW);
            }
            assertThat(b.messagesBeforeMarker(id)).as("bob saw it once").isEmpty();
        }
    }

    @Test
    void a_retry_after_more_messages_than_the_tail_window_still_gets_the_original_and_stores_nothing() {
        try (Device b = Device.connect(bob)) {
            Device a = Device.connect(alice);
            String id = a.createGroup("busy group retry", false, bob.userId()).conversationId();
            String clientMessageId = Device.uniqueId("late");
            SendMessageReply original = a.send(id, clientMessageId, "reply lost in a busy group");
            b.awaitMessage(id, original.seq());
            int others = Limits.DEDUPE_WINDOW + 5;
            for (int i = 0; i < others; i++) {
                b.send(id, Device.uniqueId("busy"), "busy " + i);
            }
            a.abort();

            try (Device again = Device.reconnect(alice, a.deviceId())) {
                SendMessageReply retry = again.send(id, clientMessageId, "reply lost in a busy group");
                assertThat(retry.seq()).isEqualTo(original.seq());
                assertThat(retry.sentAt()).isEqualTo(original.sentAt());
                assertThat(again.lastSeq(id)).as("nothing stored by the retry").isEqualTo(original.seq() + others);
            }
            assertThat(b.messagesBeforeMarker(id)).as("bob saw it once").isEmpty();
        }
    }

    @Test
    void the_same_client_message_id_from_another_device_is_another_message() {
        try (Device phone = Device.connect(alice); Device laptop = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = phone.createGroup("two devices", false, bob.userId()).conversationId();
            String clientMessageId = Device.uniqueId("shared");

            long first = phone.send(id, clientMessageId, "from the phone").seq();
            long second = laptop.send(id, clientMessageId, "from the laptop").seq();

            assertThat(second).isEqualTo(first + 1);
            assertThat(b.awaitMessage(id, second).senderDeviceId()).isEqualTo(laptop.deviceId());
        }
    }

    @Test
    void concurrent_senders_in_one_conversation_get_unique_gapless_seqs() {
        int perSender = 10;
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("contention", false, bob.userId(), carol.userId()).conversationId();
            long start = a.lastSeq(id);
            List<Device> senders = List.of(a, b, c);

            List<CompletableFuture<List<Long>>> bursts = senders.stream()
                    .map(sender -> CompletableFuture.supplyAsync(() -> burst(sender, id, perSender))).toList();
            Map<Device, List<Long>> seqsBySender = new LinkedHashMap<>();
            for (int i = 0; i < senders.size(); i++) {
                seqsBySender.put(senders.get(i), bursts.get(i).join());
            }

            List<Long> all = seqsBySender.values().stream().flatMap(List::stream).sorted().toList();
            assertThat(all).containsExactlyElementsOf(
                    LongStream.rangeClosed(start + 1, start + (long) perSender * senders.size()).boxed().toList());
            assertThat(a.lastSeq(id)).isEqualTo(start + (long) perSender * senders.size());
            for (Device receiver : senders) {
                List<MessageEvent> received = receiver.messagesBeforeMarker(id);
                List<Long> fromOthers = seqsBySender.entrySet().stream().filter(e -> e.getKey() != receiver)
                        .flatMap(e -> e.getValue().stream()).toList();
                assertThat(received).extracting(MessageEvent::seq).as("events on " + receiver.deviceId())
                        .containsExactlyInAnyOrderElementsOf(fromOthers);
            }
        }
    }

    /**
     * Sends {@code count} messages without waiting between them, then collects their seqs. Like a
     * client that honours the exactly-once contract, it retries UNAVAILABLE with the same clientMessageId.
     */
    private static List<Long> burst(Device sender, String conversationId, int count) {
        Map<String, SendMessageRequest> pending = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            SendMessageRequest request = new SendMessageRequest(conversationId, Device.uniqueId("burst"),
                    "burst " + i + " from " + sender.deviceId(), null, null, null, null);
            pending.put(sender.submit(Actions.SEND_MESSAGE, request), request);
        }
        List<Long> seqs = new ArrayList<>();
        int retries = 0;
        while (!pending.isEmpty()) {
            String requestId = pending.keySet().iterator().next();
            SendMessageRequest request = pending.remove(requestId);
            Frame answer = sender.answer(requestId);
            if (answer instanceof Frame.Error error && error.code() == ErrorCode.UNAVAILABLE && retries++ < 3 * count) {
                pending.put(sender.submit(Actions.SEND_MESSAGE, request), request);
                continue;
            }
            assertThat(answer).as("answer to " + request.clientMessageId()).isInstanceOf(Frame.Reply.class);
            seqs.add(Device.payload((Frame.Reply) answer, SendMessageReply.class).seq());
        }
        return seqs;
    }

    @Test
    void a_device_dropped_without_a_close_frame_is_cleaned_up_on_the_next_send_and_the_others_still_receive()
            throws InterruptedException {
        try (Device a = Device.connect(alice); Device bobPhone = Device.connect(bob); Device c = Device.connect(carol)) {
            Device bobLaptop = Device.connect(bob);
            long connectedAt = System.nanoTime();
            String id = a.createGroup("dropped device", false, bob.userId(), carol.userId()).conversationId();
            // A 410 removes only connections older than 3 s: API Gateway also answers 410 while a
            // socket's $connect is still running, and that socket must not be forgotten.
            Thread.sleep(Math.max(0, Duration.ofSeconds(4).toMillis() - (System.nanoTime() - connectedAt) / 1_000_000));
            bobLaptop.abort();

            for (int i = 1; i <= 2; i++) {
                SendMessageReply sent = a.send(id, Device.uniqueId("after-drop"), "still here " + i);
                assertThat(sent.seq()).isEqualTo(i);
                assertThat(bobPhone.awaitMessage(id, sent.seq()).text()).isEqualTo("still here " + i);
                assertThat(c.awaitMessage(id, sent.seq()).text()).isEqualTo("still here " + i);
            }
            SendMessageReply fromCarol = c.send(id, Device.uniqueId("after-drop"), "me too");
            assertThat(a.awaitMessage(id, fromCarol.seq()).senderId()).isEqualTo(carol.userId());
            assertThat(bobPhone.awaitMessage(id, fromCarol.seq()).senderId()).isEqualTo(carol.userId());

            // ./parley test delays $disconnect after a lost client (PARLEY_LOST_CLIENT_DISCONNECT_DELAY_MS),
            // so only the sends' 410 can have cleaned the dropped connection up by now.
            assertThat(bobPhone.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices())
                    .filteredOn(d -> d.deviceId().equals(bobLaptop.deviceId())).singleElement()
                    .satisfies(d -> assertThat(d.connected()).as("the dropped device's connection was removed").isFalse());
        }
    }
}
