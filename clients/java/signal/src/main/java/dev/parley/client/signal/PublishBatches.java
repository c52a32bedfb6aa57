package dev.parley.client.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a publishKeys payload into requests that each fit one WebSocket frame. API Gateway
 * closes a connection on a frame over 32 KB (Limits.MAX_FRAME_BYTES) and OkHttp sends every
 * message as one frame, while 100 Kyber-1024 keys are about 220 KB of JSON (1569-byte keys in
 * base64): a full publish takes about eight requests. The first carries the signed and
 * last-resort keys; the one-time keys follow in order.
 */
final class PublishBatches {
    /** Room left in the frame for the action name and requestId the client adds. */
    static final int FRAME_MARGIN = 512;
    static final int MAX_REQUEST_BYTES = Limits.MAX_FRAME_BYTES - FRAME_MARGIN;
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private PublishBatches() {
    }

    static List<KeyWire.PublishKeysRequest> split(KeyWire.PublishKeysRequest all, int maxBytes) {
        List<KeyWire.PreKey> ec = all.oneTimePreKeys() == null ? List.of() : all.oneTimePreKeys();
        List<KeyWire.SignedKey> kyber = all.oneTimeKyberPreKeys() == null ? List.of() : all.oneTimeKyberPreKeys();
        List<KeyWire.PublishKeysRequest> batches = new ArrayList<>();
        int nextEc = 0;
        int nextKyber = 0;
        boolean first = true;
        while (first || nextEc < ec.size() || nextKyber < kyber.size()) {
            KeyWire.PublishKeysRequest base = new KeyWire.PublishKeysRequest(all.registrationId(), all.identityKey(),
                    first ? all.signedPreKey() : null, first ? all.kyberLastResortKey() : null, List.of(), List.of());
            int size = size(base);
            List<KeyWire.PreKey> ecBatch = new ArrayList<>();
            List<KeyWire.SignedKey> kyberBatch = new ArrayList<>();
            while (nextEc < ec.size() && size + size(ec.get(nextEc)) + 1 <= maxBytes) {
                size += size(ec.get(nextEc)) + 1;
                ecBatch.add(ec.get(nextEc++));
            }
            while (nextKyber < kyber.size() && size + size(kyber.get(nextKyber)) + 1 <= maxBytes) {
                size += size(kyber.get(nextKyber)) + 1;
                kyberBatch.add(kyber.get(nextKyber++));
            }
            if (!first && ecBatch.isEmpty() && kyberBatch.isEmpty()) {
                throw new IllegalArgumentException("a single key does not fit in " + maxBytes + " bytes");
            }
            batches.add(new KeyWire.PublishKeysRequest(all.registrationId(), all.identityKey(), base.signedPreKey(),
                    base.kyberLastResortKey(), ecBatch.isEmpty() ? null : ecBatch, kyberBatch.isEmpty() ? null : kyberBatch));
            first = false;
        }
        return batches;
    }

    static int size(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a key record always serializes", e);
        }
    }
}
