package dev.parley.client.signal.keylog;

import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.store.InMemorySignalStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier on hand-made logs; SDK-to-directory scenarios are in KeyLogScenariosTest. */
class KeyLogTest {
    private static final String ZERO = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String KEY = "BQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    private final KeyLogVerifier verifier = new KeyLogVerifier(new InMemorySignalStore());

    /** Expected hashes computed outside Java: python3 hashlib.sha256(prev + "1|1|4242|<key>|added|1700000000000"). */
    @Test
    void theHashIsTheContractsSha256OverPrevHashAndTheFields() {
        KeyWire.KeyLogEntry first = new KeyWire.KeyLogEntry(1, 1, 4242, KEY, "added", 1_700_000_000_000L, ZERO, null);
        assertThat(KeyLogVerifier.hash(ZERO, first)).isEqualTo("y4bOg5Q90O7abnzAWGntG3gJ6T6UJTqnVAx0kdIuHLs=");
        KeyWire.KeyLogEntry second = new KeyWire.KeyLogEntry(2, 2, 77, KEY, "revoked", 1_700_000_000_001L,
                "y4bOg5Q90O7abnzAWGntG3gJ6T6UJTqnVAx0kdIuHLs=", null);
        assertThat(KeyLogVerifier.hash("y4bOg5Q90O7abnzAWGntG3gJ6T6UJTqnVAx0kdIuHLs=", second))
                .isEqualTo("+lfbytEYOljxTq5RXcxLOCC0V6RG5EKADvb/kvKyRzw=");
    }

    @Test
    void aLogIsVerifiedWholeThenExtendedAndRemembered() throws Exception {
        List<KeyWire.KeyLogEntry> log = log(3);
        KeyLogState state = verifier.verify("bob", new KeyWire.KeyLogReply("bob", log.subList(0, 2)));
        assertThat(state.seq()).isEqualTo(2);
        assertThat(verifier.afterSeq("bob")).isEqualTo(2L);
        assertThat(verifier.isCurrent("bob", new KeyWire.KeyLogHead(2, log.get(1).hash()))).isTrue();
        assertThat(verifier.isCurrent("bob", new KeyWire.KeyLogHead(3, log.get(2).hash()))).isFalse();

        state = verifier.verify("bob", new KeyWire.KeyLogReply("bob", log.subList(2, 3)));
        assertThat(state.seq()).isEqualTo(3);
        assertThat(state.device(1)).get().extracting(KeyLogState.DeviceKey::revoked).isEqualTo(true);
        assertThat(state.device(2)).get().extracting(KeyLogState.DeviceKey::revoked).isEqualTo(false);
        assertThat(verifier.verify("bob", new KeyWire.KeyLogReply("bob", log)).seq()).as("the whole log again").isEqualTo(3);
    }

    @Test
    void anEditedEntryBreaksTheChain() {
        List<KeyWire.KeyLogEntry> log = new ArrayList<>(log(2));
        KeyWire.KeyLogEntry edited = log.get(0);
        log.set(0, new KeyWire.KeyLogEntry(1, 1, 999, edited.identityKey(), edited.change(), edited.at(), edited.prevHash(),
                edited.hash()));
        assertThatThrownBy(() -> verifier.verify("bob", new KeyWire.KeyLogReply("bob", log)))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.BROKEN_CHAIN));
        assertThat(verifier.known("bob")).as("nothing remembered from a bad log").isEmpty();
    }

    @Test
    void aMissingSeqOrAnUnknownChangeIsRefused() {
        List<KeyWire.KeyLogEntry> log = log(3);
        assertThatThrownBy(() -> verifier.verify("bob", new KeyWire.KeyLogReply("bob", List.of(log.get(0), log.get(2)))))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.BROKEN_CHAIN));
        KeyWire.KeyLogEntry odd = new KeyWire.KeyLogEntry(1, 1, 1, KEY, "borrowed", 1, ZERO, null);
        odd = new KeyWire.KeyLogEntry(1, 1, 1, KEY, "borrowed", 1, ZERO, KeyLogVerifier.hash(ZERO, odd));
        KeyWire.KeyLogEntry finalOdd = odd;
        assertThatThrownBy(() -> verifier.verify("bob", new KeyWire.KeyLogReply("bob", List.of(finalOdd))))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.MALFORMED));
    }

    @Test
    void aHeadOlderThanOrDifferentFromTheRememberedOneIsAViolation() throws Exception {
        List<KeyWire.KeyLogEntry> log = log(2);
        verifier.verify("bob", new KeyWire.KeyLogReply("bob", log));
        assertThatThrownBy(() -> verifier.isCurrent("bob", new KeyWire.KeyLogHead(1, log.get(0).hash())))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.ROLLBACK));
        assertThatThrownBy(() -> verifier.isCurrent("bob", new KeyWire.KeyLogHead(2, log.get(0).hash())))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORK));
        assertThatThrownBy(() -> verifier.verify("bob", new KeyWire.KeyLogReply("bob", log.subList(0, 1))))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.ROLLBACK));
    }

    /** n entries: device 1 added, device 2 added, device 1 revoked, ... */
    private static List<KeyWire.KeyLogEntry> log(int n) {
        List<KeyWire.KeyLogEntry> log = new ArrayList<>();
        String prev = ZERO;
        for (int seq = 1; seq <= n; seq++) {
            int device = seq == 2 ? 2 : 1;
            String change = seq == 3 ? "revoked" : "added";
            KeyWire.KeyLogEntry draft = new KeyWire.KeyLogEntry(seq, device, 100 + device, KEY, change, 1000L + seq, prev, null);
            String hash = KeyLogVerifier.hash(prev, draft);
            log.add(new KeyWire.KeyLogEntry(seq, device, 100 + device, KEY, change, 1000L + seq, prev, hash));
            prev = hash;
        }
        return log;
    }
}
