package dev.parley.functions.config;

/**
 * Configuration of the conversation actions' own tables. They also read the messages table
 * ({@link MessagesConfig}: conversation headers live there), the users table ({@link UsersConfig}),
 * and deliver events ({@link DeliveryConfig}, {@link ConnectionsConfig}).
 *
 * @param region           {@code AWS_REGION}
 * @param membershipsTable {@code MEMBERSHIPS_TABLE}: each user's side of each conversation
 * @param rateLimitsTable  {@code RATE_LIMITS_TABLE}: the fixed-window counters (findUsers)
 */
public record ConversationsConfig(String region, String membershipsTable, String rateLimitsTable) {
    public static final String MEMBERSHIPS_TABLE = "MEMBERSHIPS_TABLE";
    public static final String RATE_LIMITS_TABLE = "RATE_LIMITS_TABLE";

    public static ConversationsConfig from(Environment environment) {
        return new ConversationsConfig(AwsRegion.from(environment),
                environment.required(MEMBERSHIPS_TABLE), environment.required(RATE_LIMITS_TABLE));
    }
}
