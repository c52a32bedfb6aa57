package dev.parley.localenv.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the emulated account quota, on a clock the test moves. */
class RequestQuotaTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void a_full_bucket_lets_its_burst_through_and_then_refuses() {
        RequestQuota quota = new RequestQuota(20, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(quota.tryAcquire()).isTrue();
        }
        assertThat(quota.tryAcquire()).isFalse();
    }

    @Test
    void tokens_come_back_at_the_rate_and_never_beyond_the_burst() {
        RequestQuota quota = new RequestQuota(20, 5, now::get);
        while (quota.tryAcquire()) {
            // empty the bucket
        }
        now.addAndGet(49_000_000L);
        assertThat(quota.tryAcquire()).as("49 ms at 20/s is less than one token").isFalse();
        now.addAndGet(1_000_000L);
        assertThat(quota.tryAcquire()).as("50 ms at 20/s is one token").isTrue();
        assertThat(quota.tryAcquire()).isFalse();

        now.addAndGet(60_000_000_000L);
        int granted = 0;
        while (quota.tryAcquire()) {
            granted++;
        }
        assertThat(granted).as("a minute idle refills the burst, no more").isEqualTo(5);
    }

    @Test
    void off_never_refuses() {
        for (int i = 0; i < 100_000; i++) {
            assertThat(RequestQuota.OFF.tryAcquire()).isTrue();
        }
        assertThat(RequestQuota.of(GatewaySettings.Quota.OFF)).isSameAs(RequestQuota.OFF);
    }

    @Test
    void per_second_takes_aws_s_ratio_of_burst_to_rate() {
        assertThat(GatewaySettings.Quota.perSecond(10_000)).isEqualTo(GatewaySettings.Quota.AWS_DEFAULT);
        assertThat(GatewaySettings.Quota.perSecond(1)).isEqualTo(new GatewaySettings.Quota(1, 1));
    }
}
