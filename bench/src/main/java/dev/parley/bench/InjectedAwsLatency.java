package dev.parley.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Duration;

/**
 * Makes every AWS call in this JVM (DynamoDB, the {@code @connections} posts, anything) wait a fixed
 * time before it goes on the wire, as if AWS were that far away: the latency run's timings, and a
 * floor under every call's duration, so that calls made in parallel overlap in {@link AwsCallLog}
 * and {@link RoundTrips} can count those made one after another. Registered globally, like
 * {@link DynamoDbCapacityMeter}; off (zero) until {@link #set} turns it on.
 */
public final class InjectedAwsLatency implements ExecutionInterceptor {
    private static volatile long delayMillis;

    public static void set(Duration delay) {
        delayMillis = delay.toMillis();
    }

    public static Duration current() {
        return Duration.ofMillis(delayMillis);
    }

    /** Before each attempt (a retried call waits again, as a real round trip would). */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
