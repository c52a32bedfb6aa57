package dev.parley.functions.config;

import java.util.regex.Pattern;

/**
 * Configuration of the functions that call the user pool's admin API (signOutEverywhere). The
 * Cognito endpoint, if not AWS, comes from the SDK's own environment settings.
 *
 * @param region     {@code AWS_REGION}
 * @param userPoolId {@code USER_POOL_ID}
 */
public record UserPoolConfig(String region, String userPoolId) {
    static final Pattern POOL_ID = Pattern.compile("^[\\w-]+_[0-9a-zA-Z]+$");

    public static UserPoolConfig from(Environment environment) {
        String poolId = environment.required(AuthorizerConfig.USER_POOL_ID);
        if (!POOL_ID.matcher(poolId).matches()) {
            throw new ConfigurationException(AuthorizerConfig.USER_POOL_ID + " is not a user pool id such as eu-west-1_AbC123: " + poolId);
        }
        return new UserPoolConfig(AwsRegion.from(environment), poolId);
    }
}
