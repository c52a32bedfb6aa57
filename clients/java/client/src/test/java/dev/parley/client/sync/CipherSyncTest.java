package dev.parley.client.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyApi;
import dev.parley.client.ParleyListener;
import dev.parley.client.Requester;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.cipher.Opened;
import dev.parley.client.connection.Backoff;
import dev.parley.client.store.InMemoryStore;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MessageCipher port in the sync path: E2EE messages reach the store and the app only as the
 * cipher opened them, once; skipped and undecryptable seqs still move the cursor; plaintext
 * messages never reach the cipher. The cipher here is a stand-in (parley-client has no crypto):
 * parley-client-signal's real one is tested in its own module and live.
 */
class CipherSyncTest {
    private static final String CHAT = "d_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryStore store = new InMemoryStore();
    private final List<MessageEvent> shown = new CopyOnWriteArrayList<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void e2eeMessagesAreOpenedOnceSkippedAndFailedSeqsDoNotStallTheCursor() throws Exception {
        String reply = """
                {"conversations":[{"conversation":{"conversationId":"%s","kind":"direct","e2ee":true,"memberCount":2,
                 "lastSeq":5,"lastActivityAt":5,"unreadCount":0},"members":["me","bob"],"hasMore":false,"readSeq":0,"deliveredSeq":0,"muted":false,"messages":[
                  {"conversationId":"%1$s","seq":1,"senderId":"bob","senderDeviceNum":1,"sentAt":1,"alg":"signal-v1",
                   "ciphertext":"c2VjcmV0","envelopeType":"prekey"},
                  {"conversationId":"%1$s","seq":2,"senderId":"bob","senderDeviceNum":1,"sentAt":2,"alg":"signal-v1",
                   "notForThisDevice":true},
                  {"conversationId":"%1$s","seq":3,"senderId":"bob","senderDeviceNum":1,"sentAt":3,"alg":"signal-v1",
                   "ciphertext":"dGFtcGVyZWQ=","envelopeType":"message"},
                  {"conversationId":"%1$s","seq":4,"senderId":"bob","sentAt":4,"text":"plain"},
                  {"conversationId":"%1$s","seq":5,"senderId":"bob","senderDeviceNum":1,"sentAt":5,"alg":"signal-v1",
                   "ciphertext":"c2Vjb25k","envelopeType":"message"}]}],
                 "hasMore":false,"syncToken":"t1"}""".formatted(CHAT);
        MessageCipher cipher = new MessageCipher() {
            @Override
            public CompletableFuture<Sent> send(Outgoing message, Transport transport) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Opened open(ObjectNode message) {
                opened.add(message.get("seq").asText());
                if (message.path("notForThisDevice").asBoolean()) {
                    return new Opened.Skipped("notForThisDevice");
                }
                String ciphertext = message.get("ciphertext").asText();
                if (ciphertext.equals("dGFtcGVyZWQ=")) {
                    return new Opened.Failed("INVALID_MESSAGE");
                }
                String text = new String(java.util.Base64.getDecoder().decode(ciphertext), java.nio.charset.StandardCharsets.UTF_8);
                return new Opened.Shown(new MessageEvent(CHAT, message.get("seq").asLong(), "bob", null, 0, null, text, null,
                        "signal-v1", null, null));
            }
        };
        ParleyApi api = new ParleyApi(new Requester() {
            @Override
            public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
                try {
                    return CompletableFuture.completedFuture(ProtocolCodec.instance().mapper().readValue(reply, replyType));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        SyncEngine sync = new SyncEngine(api, store, new ParleyListener() {
            @Override
            public void onMessage(MessageEvent message) {
                shown.add(message);
            }
        }, worker, new Backoff(10, 100, new Random()), "me", 50, message -> { }, () -> { },
                new Inbound(store, () -> cipher, "my-phone", id -> Optional.empty()));
        store.setCursor(CHAT, 0);

        sync.connected();
        await().until(() -> store.syncToken().isPresent());

        assertThat(shown).extracting(MessageEvent::text).containsExactly("secret", "plain", "second");
        assertThat(shown).extracting(MessageEvent::ciphertext).containsOnlyNulls();
        assertThat(opened).containsExactly("1", "2", "3", "5");
        assertThat(store.cursors()).containsEntry(CHAT, 5L);
        assertThat(store.messages(CHAT, 0, 10)).extracting(MessageEvent::seq).containsExactly(1L, 4L, 5L);

        // The same page again (a redelivery): nothing is opened twice, nothing shown twice.
        List<String> before = new ArrayList<>(opened);
        sync.liveMessage(ProtocolCodec.instance().mapper().readValue(
                "{\"conversationId\":\"" + CHAT + "\",\"seq\":5,\"senderId\":\"bob\",\"sentAt\":5,\"alg\":\"signal-v1\","
                        + "\"ciphertext\":\"c2Vjb25k\"}", MessageEvent.class),
                (ObjectNode) ProtocolCodec.instance().mapper().readTree("{\"seq\":5,\"ciphertext\":\"c2Vjb25k\"}"));
        worker.submit(() -> { }).get();
        assertThat(opened).isEqualTo(before);
        assertThat(shown).hasSize(3);
    }
}
