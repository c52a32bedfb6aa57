package dev.parley.client.signal;

import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.signal.store.InMemorySignalStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Direct E2EE chats through the cipher and the in-process Wave 2 relay: envelopes, DEVICES_MISMATCH, typed failures. */
class DirectChatTest {
    private static final String CHAT = "d_00000000000000000000000000000001";
    private final WireDirectory directory = new WireDirectory();
    private final WireRelay relay = new WireRelay(directory);
    private Phone alice1;
    private Phone alice2;
    private Phone bob;

    @BeforeEach
    void devices() throws Exception {
        alice1 = Phone.published(directory, "alice", "alice-laptop", new InMemorySignalStore());
        alice2 = Phone.published(directory, "alice", "alice-phone", new InMemorySignalStore());
        bob = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
        relay.conversation(CHAT, "direct", List.of("alice", "bob"));
    }

    @Test
    void everyOtherDeviceDecryptsEveryMessageTheSendersOtherDeviceToo() throws Exception {
        MessageCipher.Sent sent = alice1.send(relay, CHAT, "hello bob");

        assertThat(sent.alg()).isEqualTo(SignalCipher.SIGNAL_V1);
        // alice's laptop knew bob (claimed before the send) but not her own phone: the server's missing list taught it.
        assertThat(relay.refusals).hasSize(1);
        assertThat(relay.refusals.get(0)).contains("\"missing\":[{\"userId\":\"alice\",\"deviceNum\":" + alice2.num() + "}]");
        assertThat(relay.frames).extracting(frame -> frame.get("clientMessageId").asText()).containsOnly(
                relay.frames.get(0).get("clientMessageId").asText());
        assertThat(relay.frames.get(1).get("envelopes")).hasSize(2);
        assertThat(relay.frames.get(1).has("text")).isFalse();
        assertThat(bob.read(relay, CHAT)).containsExactly("hello bob");
        assertThat(alice2.read(relay, CHAT)).containsExactly("hello bob");

        bob.send(relay, CHAT, "hi alice");
        alice1.send(relay, CHAT, "second");
        assertThat(alice1.read(relay, CHAT)).containsExactly("hi alice");
        assertThat(alice2.read(relay, CHAT)).containsExactly("hi alice", "second");
        assertThat(bob.read(relay, CHAT)).containsExactly("second");
        assertThat(relay.refusals).hasSize(2); // bob learnt alice's two devices from his claim, and his own set is his alone
        assertThat(alice1.undecryptable).isEmpty();
        assertThat(bob.undecryptable).isEmpty();
    }

    @Test
    void aFilesKeyTravelsInsideTheMessageAndDecryptsTheBlobTheServerWouldHold(@org.junit.jupiter.api.io.TempDir
                                                                               java.nio.file.Path dir) throws Exception {
        byte[] photo = "not really a PNG, but bytes the server must never see".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.File file = java.nio.file.Files.write(dir.resolve("photo.png"), photo).toFile();
        MessageCipher.SealedFile sealed = alice1.e2ee.cipher().sealFile(file, "image/png");
        byte[] blob = java.nio.file.Files.readAllBytes(sealed.blob().toPath());
        assertThat(new String(blob, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("bytes the server");

        Phone.await(alice1.e2ee.cipher().send(new MessageCipher.Outgoing(relay.conversation(CHAT), "with-a-file", "look",
                null, List.of("m_1"), java.util.Map.of("m_1", sealed.secret())), relay.transport(alice1)));

        assertThat(relay.frames.get(relay.frames.size() - 1).toString()).doesNotContain(sealed.secret().substring(8, 40));
        assertThat(bob.read(relay, CHAT)).containsExactly("look");
        for (Phone reader : List.of(alice1, bob)) {
            var key = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(reader.store.mediaKey("m_1").orElseThrow());
            assertThat(key.path("contentType").asText()).isEqualTo("image/png");
            assertThat(dev.parley.client.signal.media.MediaCipher.decrypt(blob, new dev.parley.client.signal.media.MediaCipher.MediaKey(
                    java.util.Base64.getDecoder().decode(key.path("key").asText()),
                    java.util.Base64.getDecoder().decode(key.path("digest").asText()), key.path("size").asLong())))
                    .isEqualTo(photo);
        }
    }

    @Test
    void aTamperedCiphertextIsATypedFailureAndTheNextMessageStillDecrypts() throws Exception {
        alice1.send(relay, CHAT, "first");
        bob.read(relay, CHAT);
        bob.send(relay, CHAT, "answer"); // alice's next ones are plain "message" envelopes, the ratchet under way
        alice1.read(relay, CHAT);
        alice1.send(relay, CHAT, "altered on the way");
        relay.tamper(CHAT, 3, bob);
        alice1.send(relay, CHAT, "third");

        assertThat(bob.read(relay, CHAT)).containsExactly("third");
        assertThat(bob.undecryptable).singleElement().satisfies(failure -> {
            assertThat(failure.conversationId()).isEqualTo(CHAT);
            assertThat(failure.seq()).isEqualTo(3);
            assertThat(failure.senderId()).isEqualTo("alice");
            assertThat(failure.senderDeviceNum()).isEqualTo(alice1.num());
            assertThat(failure.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE);
        });
    }

    @Test
    void aReinstalledPeerIsStaleItsNewIdentityIsReportedAndTheSendGoesOnOnceTrusted() throws Exception {
        alice1.send(relay, CHAT, "before");
        Phone reinstalled = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
        assertThat(reinstalled.num()).isEqualTo(bob.num());

        assertThatThrownBy(() -> alice1.send(relay, CHAT, "after"))
                .isInstanceOf(MessageCipher.Refused.class)
                .satisfies(e -> assertThat(((MessageCipher.Refused) e).code()).isEqualTo("UNTRUSTED_IDENTITY"));
        assertThat(relay.refusals.get(relay.refusals.size() - 1)).contains("\"stale\":[{\"userId\":\"bob\"");
        assertThat(alice1.identityChanges).contains("bob." + bob.num());

        alice1.device().trust("bob", reinstalled.num(), reinstalled.device().identityKey());
        alice1.send(relay, CHAT, "after");
        assertThat(reinstalled.read(relay, CHAT)).containsExactly("after");
        // "before" was sealed for the old install: the new one cannot read it, and says so.
        assertThat(reinstalled.undecryptable).extracting(UndecryptableMessage::seq).containsExactly(1L);
    }

    @Test
    void aDeviceThatNeverConvergesMakesATypedRefusal() throws Exception {
        MessageCipher.Transport alwaysMismatch = fields -> SignalCipher.failed(new dev.parley.client.ParleyException.ServerError(
                null, null, "DEVICES_MISMATCH", "no", WireDirectory.parse("{\"missing\":[{\"userId\":\"carol\",\"deviceNum\":9}],"
                + "\"extra\":[],\"stale\":[]}", com.fasterxml.jackson.databind.node.ObjectNode.class)));

        assertThatThrownBy(() -> Phone.await(alice1.e2ee.cipher().send(new MessageCipher.Outgoing(relay.conversation(CHAT),
                "id-1", "never", null, null), alwaysMismatch)))
                .isInstanceOf(MessageCipher.Refused.class)
                .satisfies(e -> assertThat(((MessageCipher.Refused) e).code()).isEqualTo("DEVICES_MISMATCH"));
    }
}
