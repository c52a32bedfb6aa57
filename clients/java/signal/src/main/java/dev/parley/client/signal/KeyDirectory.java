package dev.parley.client.signal;

import java.util.concurrent.CompletableFuture;

/**
 * The server's key directory (docs/e2ee.md): {@link ParleyKeyDirectory} over a Parley connection.
 * Futures fail as parley-client's do ({@code ParleyException}, e.g. a ServerError RATE_LIMITED).
 */
public interface KeyDirectory {
    /** Publishes keys for the calling device; the reply carries its deviceNum and the server's counts. */
    CompletableFuture<KeyWire.PublishKeysReply> publishKeys(KeyWire.PublishKeysRequest request);

    /** The calling device's one-time key counts on the server. */
    CompletableFuture<KeyWire.KeyCounts> getKeyCounts();

    /** @param deviceNum null: every device of the user */
    CompletableFuture<KeyWire.ClaimKeysReply> claimKeys(String userId, Integer deviceNum);

    /** @param afterSeq null: the whole log */
    CompletableFuture<KeyWire.KeyLogReply> getKeyLog(String userId, Long afterSeq);
}
