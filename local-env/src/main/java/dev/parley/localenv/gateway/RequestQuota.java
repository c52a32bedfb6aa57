package dev.parley.localenv.gateway;

import java.util.function.LongSupplier;

/**
 * The account's API Gateway request quota as a token bucket: {@code requestsPerSecond} tokens a second
 * refill a bucket of {@code burst}; every {@code @connections} call and every inbound message takes one.
 * On AWS the quota (10,000 a second, burst 5,000) is shared by every API and every {@code @connections}
 * call of the account and region, which makes it the ceiling of a fan-out.
 *
 * <p>{@link #OFF} (the default) never refuses. Thread-safe; one per gateway.
 */
final class RequestQuota {
    static final RequestQuota OFF = new RequestQuota(0, 0, System::nanoTime);

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    /**
     * @param requestsPerSecond zero: no quota
     * @param burst             the bucket's size, at least 1 when there is a quota
     */
    RequestQuota(int requestsPerSecond, int burst, LongSupplier nanoTime) {
        this.perNano = requestsPerSecond / 1e9;
        this.burst = requestsPerSecond == 0 ? 0 : Math.max(1, burst);
        this.nanoTime = nanoTime;
        this.tokens = this.burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    static RequestQuota of(GatewaySettings.Quota quota) {
        return quota.requestsPerSecond() == 0 ? OFF
                : new RequestQuota(quota.requestsPerSecond(), quota.burst(), System::nanoTime);
    }

    boolean isOn() {
        return perNano > 0;
    }

    /** Takes a token if there is one: false means the request is over the quota (answer 429). */
    synchronized boolean tryAcquire() {
        if (!isOn()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
