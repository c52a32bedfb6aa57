package dev.parley.functions.adapter.aws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The client-side token bucket, on a clock that moves only when a caller waits. */
class PostPacingTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<Long> waits = new ArrayList<>();

    private PostPacing pacing(double perSecond) {
        return new PostPacing(perSecond, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void a_burst_of_a_tenth_of_a_second_goes_at_once_then_one_post_per_interval() {
        PostPacing pacing = pacing(200);
        for (int i = 0; i < 20; i++) {
            pacing.acquire();
        }
        assertThat(waits).as("20 tokens at once, then 5 ms apart").isEmpty();
        for (int i = 0; i < 10; i++) {
            pacing.acquire();
        }
        assertThat(waits).hasSize(10).containsOnly(5_000_000L);
    }

    @Test
    void over_a_second_no_more_than_the_rate_plus_the_burst_goes_out() {
        PostPacing pacing = pacing(20);
        long start = now.get();
        int sent = 0;
        while (true) {
            pacing.acquire();
            if (now.get() - start > 1_000_000_000L) {
                break;
            }
            sent++;
        }
        assertThat(sent).isEqualTo(20 + 2);
    }

    @Test
    void an_idle_bucket_refills_to_its_burst_and_no_further() {
        PostPacing pacing = pacing(100);
        for (int i = 0; i < 30; i++) {
            pacing.acquire();
        }
        waits.clear();
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 10; i++) {
            pacing.acquire();
        }
        assertThat(waits).as("a burst of 10 after a minute idle").isEmpty();
        pacing.acquire();
        assertThat(waits).containsExactly(10_000_000L);
    }

    @Test
    void unpaced_never_waits() {
        assertThat(PostPacing.UNPACED.isPaced()).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(PostPacing.UNPACED.reserve()).isZero();
        }
        assertThat(PostPacing.perSecond(0)).isSameAs(PostPacing.UNPACED);
        assertThat(PostPacing.burstOf(5)).isEqualTo(1);
        assertThat(PostPacing.burstOf(1000)).isEqualTo(100);
    }
}
