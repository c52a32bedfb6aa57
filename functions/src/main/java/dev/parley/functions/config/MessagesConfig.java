package dev.parley.functions.config;

/**
 * Configuration of the functions that read or write the messages table (sendMessage, and the
 * conversation actions, whose header item lives there).
 *
 * @param region        {@code AWS_REGION}
 * @param messagesTable {@code MESSAGES_TABLE}: the table's physical name, given by the CDK app
 */
public record MessagesConfig(String region, String messagesTable) {
    public static final String MESSAGES_TABLE = "MESSAGES_TABLE";

    public static MessagesConfig from(Environment environment) {
        return new MessagesConfig(AwsRegion.from(environment), environment.required(MESSAGES_TABLE));
    }
}
