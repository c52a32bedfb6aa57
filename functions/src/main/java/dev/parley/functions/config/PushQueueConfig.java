package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of the send path's push enqueue.
 *
 * @param region   {@code AWS_REGION}
 * @param queueUrl {@code PUSH_QUEUE_URL}: the push queue's URL; absent turns pushes off (nothing is enqueued),
 *                 as does an absent {@code DEVICES_TABLE}, where the send path reads the push summaries
 */
public record PushQueueConfig(String region, Optional<String> queueUrl) {
    public static final String PUSH_QUEUE_URL = "PUSH_QUEUE_URL";

    public static PushQueueConfig from(Environment environment) {
        return new PushQueueConfig(AwsRegion.from(environment), environment.optional(PUSH_QUEUE_URL));
    }
}
