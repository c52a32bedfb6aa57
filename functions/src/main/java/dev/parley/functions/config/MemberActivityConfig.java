package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of the send path's member activity updates (each member's row learns of each message).
 *
 * @param region           {@code AWS_REGION}
 * @param membershipsTable {@code MEMBERSHIPS_TABLE}; optional for the send path: absent turns the updates off
 */
public record MemberActivityConfig(String region, Optional<String> membershipsTable) {

    public static MemberActivityConfig from(Environment environment) {
        return new MemberActivityConfig(AwsRegion.from(environment), environment.optional(ConversationsConfig.MEMBERSHIPS_TABLE));
    }
}
