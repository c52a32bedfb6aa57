package dev.parley.client.signal.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.auth.Session;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.signal.E2eeException;
import dev.parley.client.signal.SignalCipher;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SendMessageReply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * parley-client with parley-client-signal attached, over real sockets against the local cloud's
 * device-addressed sendMessage: the app sends text with {@code client.send} and is shown text,
 * while only ciphertext crosses the server (E2eeDumpLiveTest looks for it in every table and bucket).
 */
@Tag("live")
class E2eeMessagingLiveTest extends LiveDevices {
    @Test
    void twoDevicesAndOneDecryptEveryMessageOfADirectChatAndAGroupTheSendersOtherDeviceToo() throws Exception {
        Trio trio = trio();
        LivePhone alice1 = trio.alice1();
        LivePhone alice2 = trio.alice2();
        LivePhone bob1 = trio.bob1();
        String direct = trio.direct();
        alice1.client.send(direct, "hello bob, only you can read this");
        shown(direct, "hello bob, only you can read this", alice1, alice2, bob1);
        bob1.client.send(direct, "and only you this");
        shown(direct, "and only you this", alice1, alice2, bob1);
        alice2.client.send(direct, "from my phone");
        shown(direct, "from my phone", alice1, alice2, bob1);

        String group = create(bob1, "group", List.of(alice1.userId()));
        known(group, alice1, alice2, bob1);
        bob1.client.send(group, "group hello");
        shown(group, "group hello", alice1, alice2, bob1);
        alice1.client.send(group, "group answer");
        shown(group, "group answer", alice1, alice2, bob1);
        alice1.client.send(group, "group again");
        shown(group, "group again", alice1, alice2, bob1);

        for (LivePhone phone : List.of(alice1, alice2, bob1)) {
            assertThat(phone.undecryptable).as(phone.client.deviceId()).isEmpty();
            assertThat(phone.stuck).isEmpty();
            assertThat(phone.client.store().messages(direct, 0, 100)).extracting(MessageEvent::ciphertext).containsOnlyNulls();
            assertThat(phone.client.store().messages(group, 0, 100)).extracting(MessageEvent::alg)
                    .containsOnly(SignalCipher.SENDER_KEY_V1);
        }
    }

    @Test
    void olderMessagesThanTheFirstSyncPageAreDecryptedThroughHistoryOnceAndKept() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone bob1 = keep(LivePhone.connected(cloud, bob, "bob-phone", options -> options.syncPageLimit(1)));
        // bob's phone syncs a conversation it does not know from its newest page: one message, the rest is history.
        bob1.client.close();
        String direct = create(alice1, "direct", List.of(bob1.userId()));
        known(direct, alice1);
        for (String text : List.of("one", "two", "three")) {
            alice1.client.send(direct, text);
        }
        await().atMost(LivePhone.WAIT).until(() -> alice1.client.store().outbox().isEmpty());
        LivePhone bobAgain = keep(LivePhone.restarted(bob1));

        shown(direct, "three", bobAgain);
        assertThat(bobAgain.texts(direct)).containsExactly("three");
        List<MessageEvent> older = LivePhone.get(bobAgain.client.history(direct, 3L, 10)).messages();
        assertThat(older).extracting(MessageEvent::text).containsExactly("one", "two");
        assertThat(LivePhone.get(bobAgain.client.history(direct, 3L, 10)).messages()).extracting(MessageEvent::text)
                .containsExactly("one", "two"); // the second time from the store: a ratchet decrypts once
        assertThat(bobAgain.undecryptable).isEmpty();
    }

    @Test
    void aFileIsEncryptedBeforeItsUploadAndEveryOtherDeviceDownloadsAndDecryptsIt() throws Exception {
        Trio trio = trio();
        LivePhone alice1 = trio.alice1();
        LivePhone alice2 = trio.alice2();
        LivePhone bob1 = trio.bob1();
        String direct = trio.direct();
        byte[] photo = new byte[100_000];
        new java.util.Random(7).nextBytes(photo);
        java.io.File file = java.nio.file.Files.write(java.nio.file.Files.createTempFile("photo", ".png"), photo).toFile();

        alice1.client.sendFile(direct, "a photo", file, "image/png");

        shown(direct, "a photo", alice2, bob1);
        for (LivePhone reader : List.of(alice1, alice2, bob1)) {
            await().atMost(LivePhone.WAIT).until(() -> reader.client.store().messages(direct, 0, 10).stream()
                    .anyMatch(m -> m.media() != null));
            MessageEvent message = reader.client.store().messages(direct, 0, 10).stream().filter(m -> m.media() != null)
                    .findFirst().orElseThrow();
            assertThat(message.media()).singleElement().satisfies(media -> {
                assertThat(media.encrypted()).isTrue();
                assertThat(media.contentType()).isEqualTo("application/octet-stream");
            });
            var decrypted = LivePhone.get(reader.e2ee.downloadMedia(direct, message.media().get(0).mediaId()));
            assertThat(decrypted.bytes()).as(reader.client.deviceId()).isEqualTo(photo);
            assertThat(decrypted.contentType()).isEqualTo("image/png");
        }
        file.delete();
    }

    @Test
    void aTamperedCiphertextIsATypedFailureForItsReaderWhileTheServerKeepsItAsSent() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone bob1 = phone(bob, "bob-phone");
        String direct = create(alice1, "direct", List.of(bob1.userId()));
        known(direct, alice1, bob1);
        alice1.client.send(direct, "first");
        shown(direct, "first", bob1);
        bob1.client.send(direct, "ratchet on");
        shown(direct, "ratchet on", alice1);

        // A sender (or anything between it and the server) alters bob's envelope: the server stores what it got.
        AtomicReference<String> sentCiphertext = new AtomicReference<>();
        MessageCipher.Transport tampering = fields -> {
            ObjectNode envelope = (ObjectNode) fields.get("envelopes").get(0);
            byte[] bytes = Base64.getDecoder().decode(envelope.get("ciphertext").asText());
            bytes[bytes.length - 12] ^= 1;
            envelope.put("ciphertext", Base64.getEncoder().encodeToString(bytes));
            sentCiphertext.set(envelope.get("ciphertext").asText());
            return alice1.client.api().sendMessage(fields);
        };
        SendMessageReply reply = LivePhone.get(alice1.e2ee.cipher().send(new MessageCipher.Outgoing(
                alice1.client.store().conversation(direct).orElseThrow(), UUID.randomUUID().toString(), "altered", null,
                null), tampering)).reply();
        alice1.client.send(direct, "after it");

        shown(direct, "after it", bob1);
        assertThat(bob1.texts(direct)).doesNotContain("altered");
        assertThat(bob1.undecryptable).singleElement().satisfies(failure -> {
            assertThat(failure.conversationId()).isEqualTo(direct);
            assertThat(failure.seq()).isEqualTo(reply.seq());
            assertThat(failure.senderId()).isEqualTo(alice1.userId());
            assertThat(failure.senderDeviceNum()).isEqualTo(alice1.num());
            assertThat(failure.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE);
        });
        assertThat(E2eeDumpLiveTest.contains(E2eeDumpLiveTest.tableBytes(cloud, "Messages"),
                Base64.getDecoder().decode(sentCiphertext.get()))).as("the altered envelope, byte for byte").isTrue();
    }

    @Test
    void aDeviceAddedLaterReadsNewMessagesOnlyAndAReinstalledOneRecoversThroughTheStalePath() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone bob1 = phone(bob, "bob-phone");
        String direct = create(alice1, "direct", List.of(bob1.userId()));
        String group = create(alice1, "group", List.of(bob1.userId()));
        known(direct, alice1, bob1);
        known(group, alice1, bob1);
        alice1.client.send(direct, "before the tablet");
        alice1.client.send(group, "group before the tablet");
        shown(direct, "before the tablet", bob1);
        shown(group, "group before the tablet", bob1);

        LivePhone bob2 = phone(bob, "bob-tablet");
        await().atMost(LivePhone.WAIT).until(() -> alice1.devicesChanged.stream().anyMatch(c -> c.startsWith(bob2.userId())));
        alice1.client.send(direct, "after the tablet");
        alice1.client.send(group, "group after the tablet");
        shown(direct, "after the tablet", bob1, bob2);
        shown(group, "group after the tablet", bob1, bob2);
        known(direct, bob2);
        assertThat(bob2.texts(direct)).containsExactly("after the tablet");
        assertThat(bob2.texts(group)).containsExactly("group after the tablet");

        // bob's phone is wiped and set up again under the same deviceId: new registration id, new identity key.
        String bobPhone = bob1.client.deviceId();
        bob1.close();
        forget(bob1);
        LivePhone reinstalled = keep(LivePhone.reinstalled(cloud, bob, bobPhone));
        assertThat(reinstalled.num()).isEqualTo(bob1.num());
        String id = alice1.client.send(direct, "after the reinstall").clientMessageId();
        await().atMost(LivePhone.WAIT).until(() -> !alice1.stuck.isEmpty());
        assertThat(alice1.stuck.get(0).stuck().codeName()).isEqualTo("UNTRUSTED_IDENTITY");
        assertThat(alice1.identityChanges).contains(bob.userId() + "." + bob1.num());

        alice1.e2ee.device().trust(bob.userId(), reinstalled.num(), reinstalled.e2ee.device().identityKey());
        alice1.client.retry(id);
        shown(direct, "after the reinstall", reinstalled, bob2);
        assertThat(reinstalled.texts(direct)).doesNotContain("before the tablet");
    }
}
