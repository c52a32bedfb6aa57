package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of presence announcements by $connect and $disconnect.
 *
 * @param region   {@code AWS_REGION}
 * @param queueUrl {@code PRESENCE_QUEUE_URL}: the presence queue's URL; absent turns presence events off
 */
public record PresenceQueueConfig(String region, Optional<String> queueUrl) {
    public static final String PRESENCE_QUEUE_URL = "PRESENCE_QUEUE_URL";

    public static PresenceQueueConfig from(Environment environment) {
        return new PresenceQueueConfig(AwsRegion.from(environment), environment.optional(PRESENCE_QUEUE_URL));
    }
}
