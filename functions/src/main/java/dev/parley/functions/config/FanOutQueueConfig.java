package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of the fan-out queue of large conversations.
 *
 * @param region   {@code AWS_REGION}
 * @param queueUrl {@code FANOUT_QUEUE_URL}: the queue's URL; absent, a large conversation cannot be sent into (UNAVAILABLE)
 */
public record FanOutQueueConfig(String region, Optional<String> queueUrl) {
    public static final String FANOUT_QUEUE_URL = "FANOUT_QUEUE_URL";

    public static FanOutQueueConfig from(Environment environment) {
        return new FanOutQueueConfig(AwsRegion.from(environment), environment.optional(FANOUT_QUEUE_URL));
    }
}
