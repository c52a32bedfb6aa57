package dev.parley.client.store;

import dev.parley.model.ErrorCode;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ParleyStore} must do; each implementation's test extends it. */
abstract class StoreContract {
    static final String CONVERSATION = "g_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    ParleyStore store;

    abstract ParleyStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static MessageEvent message(String conversationId, long seq, String text) {
        return new MessageEvent(conversationId, seq, "u1", "d1", 1_000 + seq, "c" + seq, text, null, null, null, null);
    }

    static StoredConversation conversation(String id, long lastActivityAt) {
        return new StoredConversation(new ConversationSummary(id, "group", "t", false, 2, 3, lastActivityAt, 1, "admin"),
                List.of("u1", "u2"), 2, 3, false);
    }

    @Test
    void aMessageIsHeldOncePerConversationAndSeq() {
        assertThat(store.putMessage(message(CONVERSATION, 2, "two"))).isTrue();
        assertThat(store.putMessage(message(CONVERSATION, 1, "one"))).isTrue();
        assertThat(store.putMessage(message(CONVERSATION, 2, "two again"))).isFalse();

        assertThat(store.messages(CONVERSATION, 0, 10)).extracting(MessageEvent::text).containsExactly("one", "two");
        assertThat(store.messages(CONVERSATION, 1, 10)).extracting(MessageEvent::seq).containsExactly(2L);
        assertThat(store.messages(CONVERSATION, 0, 1)).hasSize(1);
        assertThat(store.hasMessage(CONVERSATION, 2)).isTrue();
        assertThat(store.hasMessage(CONVERSATION, 3)).isFalse();
        assertThat(store.messages(CONVERSATION, 0, 10).get(0)).isEqualTo(message(CONVERSATION, 1, "one"));
    }

    @Test
    void conversationsComeMostRecentlyActiveFirstAndRemovalTakesTheirMessagesAndCursor() {
        String other = "g_1f1e2d3c4b5a69788796a5b4c3d2e1f0";
        store.putConversation(conversation(CONVERSATION, 10));
        store.putConversation(conversation(other, 20));
        store.putMessage(message(CONVERSATION, 1, "one"));
        store.setCursor(CONVERSATION, 1);
        store.putReceipt(CONVERSATION, new MemberCursor("u2", 1, 1));

        assertThat(store.conversations()).extracting(StoredConversation::conversationId).containsExactly(other, CONVERSATION);
        assertThat(store.conversation(CONVERSATION)).contains(conversation(CONVERSATION, 10));

        store.removeConversation(CONVERSATION);

        assertThat(store.conversation(CONVERSATION)).isEmpty();
        assertThat(store.messages(CONVERSATION, 0, 10)).isEmpty();
        assertThat(store.cursors()).doesNotContainKey(CONVERSATION);
        assertThat(store.receipts(CONVERSATION)).isEmpty();
    }

    @Test
    void aSummaryKeepsTierMemberCountRoleAndPostPolicy() {
        StoredConversation large = new StoredConversation(new ConversationSummary(CONVERSATION, "group", "news", false, 1204, 9,
                10, 2, "member", ConversationSummary.LARGE, "admins"), List.of(), 7, 7, true);

        store.putConversation(large);

        ConversationSummary held = store.conversation(CONVERSATION).orElseThrow().summary();
        assertThat(held).isEqualTo(large.summary());
        assertThat(List.of(held.tier(), held.memberCount(), held.role(), held.postPolicy()))
                .containsExactly("large", 1204, "member", "admins");
    }

    @Test
    void cursorsReceiptsAndTheSyncTokenAreKeptAndReplaced() {
        assertThat(store.syncToken()).isEmpty();
        store.setSyncToken("1767225598000");
        store.setCursor(CONVERSATION, 4);
        store.setCursor(CONVERSATION, 7);
        store.putReceipt(CONVERSATION, new MemberCursor("u2", 1, 2));
        store.putReceipt(CONVERSATION, new MemberCursor("u2", 3, 4));

        assertThat(store.syncToken()).contains("1767225598000");
        assertThat(store.cursors()).containsExactlyEntriesOf(java.util.Map.of(CONVERSATION, 7L));
        assertThat(store.receipts(CONVERSATION)).containsExactly(new MemberCursor("u2", 3, 4));
    }

    @Test
    void theOutboxKeepsSendingOrderStuckReasonsAndRefusesAReusedId() {
        OutboxEntry first = store.enqueue("a", CONVERSATION, "first", null, null, 1);
        OutboxEntry second = store.enqueue("b", CONVERSATION, "second", 1L, List.of("m_1"), 2);
        assertThat(second.localId()).isGreaterThan(first.localId());
        assertThatThrownBy(() -> store.enqueue("a", CONVERSATION, "again", null, null, 3))
                .isInstanceOf(IllegalArgumentException.class);

        store.setStuck("a", new OutboxEntry.Stuck(ErrorCode.NOT_FOUND, "NOT_FOUND", "Conversation not found."));

        List<OutboxEntry> outbox = store.outbox();
        assertThat(outbox).extracting(OutboxEntry::clientMessageId).containsExactly("a", "b");
        assertThat(outbox.get(0).status()).isEqualTo(OutboxEntry.Status.STUCK);
        assertThat(outbox.get(0).stuck()).isEqualTo(new OutboxEntry.Stuck(ErrorCode.NOT_FOUND, "NOT_FOUND", "Conversation not found."));
        assertThat(outbox.get(1)).isEqualTo(second);

        store.setStuck("a", null);
        assertThat(store.outbox().get(0).status()).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(store.removeFromOutbox("a")).isTrue();
        assertThat(store.removeFromOutbox("a")).isFalse();
        assertThat(store.outbox()).extracting(OutboxEntry::clientMessageId).containsExactly("b");
    }

    @Test
    void anEntryKeepsTheFileItUploadsBeforeItsSend() {
        OutboxEntry plain = store.enqueue("a", CONVERSATION, "no file", null, null, 1);
        OutboxEntry photo = store.enqueue("b", CONVERSATION, "caption", null, List.of("m_1"),
                new Attachment("/data/photo.jpg", "image/jpeg"), 2);

        store.setStuck("b", new OutboxEntry.Stuck(null, "TYPE_MISMATCH", "The file is a PNG image, not image/jpeg as declared."));

        List<OutboxEntry> outbox = store.outbox();
        assertThat(outbox.get(0)).isEqualTo(plain);
        assertThat(plain.attachment()).isNull();
        assertThat(outbox.get(1).attachment()).isEqualTo(new Attachment("/data/photo.jpg", "image/jpeg"));
        assertThat(outbox.get(1).media()).containsExactly("m_1");
        assertThat(outbox.get(1).stuck().codeName()).isEqualTo("TYPE_MISMATCH");
        assertThat(outbox.get(1).stuck().code()).isNull();
        assertThat(photo.attachment()).isEqualTo(outbox.get(1).attachment());
    }
}
