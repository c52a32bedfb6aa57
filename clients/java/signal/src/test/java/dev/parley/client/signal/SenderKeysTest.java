package dev.parley.client.signal;

import dev.parley.client.signal.store.ProtocolStore;
import dev.parley.client.signal.store.SqliteSignalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.message.SenderKeyDistributionMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** libsignal's group cipher over the SDK's sender-key store, across a reopen of the receiver's SQLite file. */
class SenderKeysTest {
    @TempDir
    Path dir;

    @Test
    void aSenderKeyDistributedOnceDecryptsGroupMessagesAfterAReopen() throws Exception {
        UUID group = UUID.randomUUID();
        SignalProtocolAddress alice = new SignalProtocolAddress("alice", 1);
        String bobPath = dir.resolve("bob.db").toString();
        try (SqliteSignalStore aliceStore = SqliteSignalStore.open(dir.resolve("alice.db").toString())) {
            SignalDevice.open(aliceStore, "alice", null);
            ProtocolStore aliceProtocol = new ProtocolStore(aliceStore, (u, d, t, p) -> { });
            SenderKeyDistributionMessage distribution = new GroupSessionBuilder(aliceProtocol).create(alice, group);

            try (SqliteSignalStore bobStore = SqliteSignalStore.open(bobPath)) {
                SignalDevice.open(bobStore, "bob", null);
                new GroupSessionBuilder(new ProtocolStore(bobStore, (u, d, t, p) -> { }))
                        .process(alice, new SenderKeyDistributionMessage(distribution.serialize()));
            }
            GroupCipher sender = new GroupCipher(aliceProtocol, alice);
            byte[] first = sender.encrypt(group, "to the group".getBytes(StandardCharsets.UTF_8)).serialize();
            byte[] second = sender.encrypt(group, "again".getBytes(StandardCharsets.UTF_8)).serialize();

            try (SqliteSignalStore bobStore = SqliteSignalStore.open(bobPath)) {
                GroupCipher receiver = new GroupCipher(new ProtocolStore(bobStore, (u, d, t, p) -> { }), alice);
                assertThat(new String(receiver.decrypt(first), StandardCharsets.UTF_8)).isEqualTo("to the group");
                assertThat(new String(receiver.decrypt(second), StandardCharsets.UTF_8)).isEqualTo("again");
                assertThat(bobStore.senderKey("alice", 1, group)).isPresent();
            }
        }
    }
}
