package dev.parley.functions.domain.viewing;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How viewer entries spread over the shards: a stable function of the connection id, about even. */
class ViewerShardsTest {

    @Test
    void a_connection_id_always_has_the_same_shard_within_range() {
        assertThat(Viewers.shardOf("ZxHq3dRsIAMCJ-Q=")).isEqualTo(Viewers.shardOf(new String("ZxHq3dRsIAMCJ-Q=")))
                .isBetween(0, Viewers.SHARDS - 1);
        // Pinned: a deploy that moved a socket's entry would lose it for a refresh interval.
        assertThat(Viewers.shardOf("ZxHq3dRsIAMCJ-Q=")).isEqualTo(3);
        assertThat(Viewers.shardOf("L0SM9cOFvHcCIhw=")).isEqualTo(5);
        assertThat(Viewers.shardOf("conn-1")).isEqualTo(7);
    }

    @Test
    void api_gateway_like_and_sequential_connection_ids_spread_evenly() {
        Random random = new Random(18);
        int[] gateway = new int[Viewers.SHARDS];
        int[] sequential = new int[Viewers.SHARDS];
        int sockets = 80_000;
        for (int i = 0; i < sockets; i++) {
            byte[] id = new byte[10];
            random.nextBytes(id);
            gateway[Viewers.shardOf(Base64.getEncoder().encodeToString(id))]++;
            sequential[Viewers.shardOf("conn-" + i)]++;
        }
        int even = sockets / Viewers.SHARDS;
        // A binomial's standard deviation here is about 94: 5% is over 50 of them.
        assertThat(IntStream.of(gateway).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(even * 95 / 100, even * 105 / 100));
        assertThat(IntStream.of(sequential).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(even * 95 / 100, even * 105 / 100));
    }
}
