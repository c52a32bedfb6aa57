package dev.parley.client.signal;

import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.model.Limits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A full publish is ~220 kB of JSON; API Gateway takes frames of 32 kB and OkHttp never fragments. */
class PublishBatchesTest {
    @Test
    void aFullPublishIsSplitIntoFrameSizedRequestsThatCarryEveryKeyOnce() {
        SignalDevice device = SignalDevice.open(new InMemorySignalStore(), "alice", null);
        List<KeyWire.PublishKeysRequest> requests = device.fullPublish();

        int total = 0;
        for (KeyWire.PublishKeysRequest request : requests) {
            int bytes = PublishBatches.size(request);
            total += bytes;
            assertThat(bytes).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES - PublishBatches.FRAME_MARGIN);
            assertThat(request.registrationId()).isEqualTo(device.registrationId());
        }
        assertThat(requests.get(0).signedPreKey()).isNotNull();
        assertThat(requests.get(0).kyberLastResortKey()).isNotNull();
        assertThat(requests.subList(1, requests.size())).allSatisfy(request -> {
            assertThat(request.signedPreKey()).isNull();
            assertThat(request.kyberLastResortKey()).isNull();
        });
        List<Integer> ec = new ArrayList<>();
        List<Integer> kyber = new ArrayList<>();
        requests.forEach(request -> {
            if (request.oneTimePreKeys() != null) {
                request.oneTimePreKeys().forEach(key -> ec.add(key.keyId()));
            }
            if (request.oneTimeKyberPreKeys() != null) {
                request.oneTimeKyberPreKeys().forEach(key -> kyber.add(key.keyId()));
            }
        });
        assertThat(ec).hasSize(100).doesNotHaveDuplicates().isSorted();
        assertThat(kyber).hasSize(100).doesNotHaveDuplicates().isSorted()
                .doesNotContain(requests.get(0).kyberLastResortKey().keyId());
        assertThat(requests).hasSizeBetween(7, 9);
        System.out.printf("full publishKeys: %d bytes of JSON in %d requests (largest %d bytes, frame limit %d)%n", total,
                requests.size(), requests.stream().mapToInt(PublishBatches::size).max().orElse(0), Limits.MAX_FRAME_BYTES);
    }

    @Test
    void aSmallPayloadStaysOneRequest() {
        KeyWire.PublishKeysRequest small = new KeyWire.PublishKeysRequest(7, "BQ==", null, null,
                List.of(new KeyWire.PreKey(1, "BQ==")), null);
        assertThat(PublishBatches.split(small, PublishBatches.MAX_REQUEST_BYTES)).containsExactly(small);
    }
}
