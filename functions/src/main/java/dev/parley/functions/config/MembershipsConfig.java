package dev.parley.functions.config;

/**
 * Configuration of functions that read or write the memberships table without the rest of the
 * conversation actions' configuration (the push actions, the push worker).
 *
 * @param region           {@code AWS_REGION}
 * @param membershipsTable {@code MEMBERSHIPS_TABLE}: each user's side of each conversation
 */
public record MembershipsConfig(String region, String membershipsTable) {

    public static MembershipsConfig from(Environment environment) {
        return new MembershipsConfig(AwsRegion.from(environment), environment.required(ConversationsConfig.MEMBERSHIPS_TABLE));
    }
}
