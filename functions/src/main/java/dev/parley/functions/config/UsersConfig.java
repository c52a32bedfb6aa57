package dev.parley.functions.config;

/**
 * Configuration of the functions that read or write the users table ($connect, which keeps each
 * user findable, and the conversation actions, whose findUsers reads it).
 *
 * @param region     {@code AWS_REGION}
 * @param usersTable {@code USERS_TABLE}: the table's physical name, given by the CDK app
 */
public record UsersConfig(String region, String usersTable) {
    public static final String USERS_TABLE = "USERS_TABLE";

    public static UsersConfig from(Environment environment) {
        return new UsersConfig(AwsRegion.from(environment), environment.required(USERS_TABLE));
    }
}
