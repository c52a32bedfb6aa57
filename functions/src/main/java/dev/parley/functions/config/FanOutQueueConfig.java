package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of the fan-out queues of large conversations.
 *
 * @param region        {@code AWS_REGION}
 * @param queueUrl      {@code FANOUT_QUEUE_URL}: the queue of messages' viewers pages; absent, a large
 *                      conversation cannot be sent into (UNAVAILABLE)
 * @param activityUrl   {@code ACTIVITY_QUEUE_URL}: the queue of activity rounds' pages, its own so that a
 *                      message's viewers pages never wait behind a round (docs/cost.md); absent, rounds go to
 *                      the fan-out queue
 */
public record FanOutQueueConfig(String region, Optional<String> queueUrl, Optional<String> activityUrl) {
    public static final String FANOUT_QUEUE_URL = "FANOUT_QUEUE_URL";
    public static final String ACTIVITY_QUEUE_URL = "ACTIVITY_QUEUE_URL";

    public static FanOutQueueConfig from(Environment environment) {
        return new FanOutQueueConfig(AwsRegion.from(environment), environment.optional(FANOUT_QUEUE_URL),
                environment.optional(ACTIVITY_QUEUE_URL));
    }
}
