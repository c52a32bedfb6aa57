package dev.parley.functions.config;

/**
 * Configuration of the functions that read or write the viewers table: who views each conversation,
 * its recent removals and its activity rounds (viewConversation, conversation changes, the fan-out worker).
 *
 * @param region       {@code AWS_REGION}
 * @param viewersTable {@code VIEWERS_TABLE}
 */
public record ViewersConfig(String region, String viewersTable) {
    public static final String VIEWERS_TABLE = "VIEWERS_TABLE";

    public static ViewersConfig from(Environment environment) {
        return new ViewersConfig(AwsRegion.from(environment), environment.required(VIEWERS_TABLE));
    }
}
