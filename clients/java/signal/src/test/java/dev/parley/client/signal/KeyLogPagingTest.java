package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogVerifier;
import dev.parley.client.signal.store.InMemorySignalStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A key log longer than one getKeyLog page (the server answers at most 100 entries) is read page by page. */
class KeyLogPagingTest {
    private static final String USER = "busy";
    private static final int LENGTH = 250;

    @Test
    void aLogOfThreePagesIsVerifiedToTheClaimsHead() throws Exception {
        List<KeyWire.KeyLogEntry> log = log(LENGTH);
        List<Long> asked = new CopyOnWriteArrayList<>();
        KeyDirectory directory = new PagedLog(log, asked);

        try (E2eeClient e2ee = E2eeClient.create("me", "my-phone", new InMemorySignalStore(), directory, null)) {
            List<Integer> started = e2ee.startSessions(USER).get(30, TimeUnit.SECONDS);

            assertThat(started).as("the claim has no bundles: only the log is read").isEmpty();
            assertThat(asked).containsExactly(null, 100L, 200L);
            assertThat(e2ee.verifier().known(USER).orElseThrow().seq()).isEqualTo(LENGTH);
            assertThat(e2ee.verifier().known(USER).orElseThrow().hash()).isEqualTo(log.get(LENGTH - 1).hash());
        }
    }

    @Test
    void aLogOfExactlyOnePageAsksOnceMoreAndGetsNothing() throws Exception {
        List<Long> asked = new CopyOnWriteArrayList<>();
        try (E2eeClient e2ee = E2eeClient.create("me", "my-phone", new InMemorySignalStore(), new PagedLog(log(100), asked),
                null)) {
            e2ee.startSessions(USER).get(30, TimeUnit.SECONDS);

            assertThat(asked).containsExactly(null, 100L);
            assertThat(e2ee.verifier().known(USER).orElseThrow().seq()).isEqualTo(100);
        }
    }

    /** One device reinstalled over and over, hashed as the server hashes. */
    private static List<KeyWire.KeyLogEntry> log(int length) {
        List<KeyWire.KeyLogEntry> entries = new ArrayList<>();
        String prev = Base64.getEncoder().encodeToString(new byte[32]);
        String identity = Base64.getEncoder().encodeToString(new byte[33]);
        for (int seq = 1; seq <= length; seq++) {
            KeyWire.KeyLogEntry unhashed = new KeyWire.KeyLogEntry(seq, 1, seq, identity, seq == 1 ? "added" : "reinstalled",
                    1_700_000_000_000L + seq, prev, null);
            String hash = KeyLogVerifier.hash(prev, unhashed);
            entries.add(new KeyWire.KeyLogEntry(seq, 1, seq, identity, unhashed.change(), unhashed.at(), prev, hash));
            prev = hash;
        }
        return entries;
    }

    private record PagedLog(List<KeyWire.KeyLogEntry> log, List<Long> asked) implements KeyDirectory {
        @Override
        public CompletableFuture<KeyWire.ClaimKeysReply> claimKeys(String userId, Integer deviceNum) {
            KeyWire.KeyLogEntry head = log.get(log.size() - 1);
            return CompletableFuture.completedFuture(new KeyWire.ClaimKeysReply(userId,
                    new KeyWire.KeyLogHead(head.seq(), head.hash()), List.of()));
        }

        @Override
        public CompletableFuture<KeyWire.KeyLogReply> getKeyLog(String userId, Long afterSeq) {
            asked.add(afterSeq);
            long after = afterSeq == null ? 0 : afterSeq;
            return CompletableFuture.completedFuture(new KeyWire.KeyLogReply(userId, log.stream()
                    .filter(entry -> entry.seq() > after).limit(KeyWire.MAX_KEY_LOG_PAGE).toList()));
        }

        @Override
        public CompletableFuture<KeyWire.PublishKeysReply> publishKeys(KeyWire.PublishKeysRequest request) {
            throw new UnsupportedOperationException("this test publishes nothing");
        }

        @Override
        public CompletableFuture<KeyWire.KeyCounts> getKeyCounts() {
            throw new UnsupportedOperationException("this test publishes nothing");
        }
    }
}
