package dev.parley.client.signal;

import dev.parley.client.ParleyApi;

import java.util.concurrent.CompletableFuture;

/** The key directory's actions over parley-client's connection, as raw requests (ParleyApi#request). */
public final class ParleyKeyDirectory implements KeyDirectory {
    private final ParleyApi api;

    public ParleyKeyDirectory(ParleyApi api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<KeyWire.PublishKeysReply> publishKeys(KeyWire.PublishKeysRequest request) {
        return api.request(KeyWire.PUBLISH_KEYS, request, KeyWire.PublishKeysReply.class);
    }

    @Override
    public CompletableFuture<KeyWire.KeyCounts> getKeyCounts() {
        return api.request(KeyWire.GET_KEY_COUNTS, new KeyWire.GetKeyCountsRequest(), KeyWire.KeyCounts.class);
    }

    @Override
    public CompletableFuture<KeyWire.ClaimKeysReply> claimKeys(String userId, Integer deviceNum) {
        return api.request(KeyWire.CLAIM_KEYS, new KeyWire.ClaimKeysRequest(userId, deviceNum), KeyWire.ClaimKeysReply.class);
    }

    @Override
    public CompletableFuture<KeyWire.KeyLogReply> getKeyLog(String userId, Long afterSeq) {
        return api.request(KeyWire.GET_KEY_LOG, new KeyWire.GetKeyLogRequest(userId, afterSeq), KeyWire.KeyLogReply.class);
    }
}
