package dev.parley.functions.config;

import java.net.URI;

/**
 * Configuration of the functions that post events to sockets. They also read the connections
 * table ({@link ConnectionsConfig}).
 *
 * @param region             {@code AWS_REGION}
 * @param managementEndpoint {@code APIGW_MANAGEMENT_ENDPOINT}: the stage's callback URL,
 *                           {@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}} on AWS,
 *                           the emulator's URL locally
 * @param postsPerSecond     {@code CONNECTIONS_POSTS_PER_SECOND}: this function instance's share of the
 *                           account's API Gateway request quota, the rate its {@code @connections} attempts
 *                           are paced to; 0 (the default) does not pace (docs/deploy.md)
 * @param postAttempts       {@code CONNECTIONS_POST_ATTEMPTS}: attempts per post when API Gateway answers
 *                           429 or 5xx, 1 to {@value #MAX_POST_ATTEMPTS}; default 3
 * @param postsInFlight      {@code CONNECTIONS_POSTS_IN_FLIGHT}: posts in flight in the function instance
 *                           whatever number of fan-outs run at once, each fan-out at most 64 of them;
 *                           1 to {@value #MAX_POSTS_IN_FLIGHT}, default 64. The fan-out worker, which posts
 *                           the pages of a batch at once, is given {@value #MAX_POSTS_IN_FLIGHT} (infra-cdk)
 */
public record DeliveryConfig(String region, URI managementEndpoint, double postsPerSecond, int postAttempts,
                             int postsInFlight) {
    public static final String APIGW_MANAGEMENT_ENDPOINT = "APIGW_MANAGEMENT_ENDPOINT";
    public static final String POSTS_PER_SECOND = "CONNECTIONS_POSTS_PER_SECOND";
    public static final String POST_ATTEMPTS = "CONNECTIONS_POST_ATTEMPTS";
    public static final String POSTS_IN_FLIGHT = "CONNECTIONS_POSTS_IN_FLIGHT";
    public static final int DEFAULT_POST_ATTEMPTS = 3;
    public static final int DEFAULT_POSTS_IN_FLIGHT = 64;
    /** Each post in flight holds a platform thread: a few hundred is already more than a Lambda's quota share uses. */
    public static final int MAX_POSTS_IN_FLIGHT = 256;
    /**
     * With backoff capped at 1 s, 30 attempts take some 15 s at most (a fan-out worker's budget); a
     * route function, which API Gateway waits 29 s for, keeps the default.
     */
    public static final int MAX_POST_ATTEMPTS = 30;

    public DeliveryConfig {
        if (!(postsPerSecond >= 0) || Double.isInfinite(postsPerSecond)) {
            throw new ConfigurationException(POSTS_PER_SECOND + " must be a number of posts a second, 0 or more: " + postsPerSecond);
        }
        if (postAttempts < 1 || postAttempts > MAX_POST_ATTEMPTS) {
            throw new ConfigurationException(POST_ATTEMPTS + " must be 1 to " + MAX_POST_ATTEMPTS + ": " + postAttempts);
        }
        if (postsInFlight < 1 || postsInFlight > MAX_POSTS_IN_FLIGHT) {
            throw new ConfigurationException(POSTS_IN_FLIGHT + " must be 1 to " + MAX_POSTS_IN_FLIGHT + ": " + postsInFlight);
        }
    }

    /** Unpaced, with the default attempts and posts in flight. */
    public DeliveryConfig(String region, URI managementEndpoint) {
        this(region, managementEndpoint, 0, DEFAULT_POST_ATTEMPTS, DEFAULT_POSTS_IN_FLIGHT);
    }

    public static DeliveryConfig from(Environment environment) {
        String endpoint = environment.required(APIGW_MANAGEMENT_ENDPOINT);
        URI uri = null;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            // reported below with the variable's name
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigurationException(APIGW_MANAGEMENT_ENDPOINT + " is not an http(s) URL: " + endpoint);
        }
        return new DeliveryConfig(AwsRegion.from(environment), uri,
                number(environment, POSTS_PER_SECOND, 0), (int) number(environment, POST_ATTEMPTS, DEFAULT_POST_ATTEMPTS),
                (int) number(environment, POSTS_IN_FLIGHT, DEFAULT_POSTS_IN_FLIGHT));
    }

    private static double number(Environment environment, String name, double fallback) {
        String text = environment.optional(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (!name.equals(POSTS_PER_SECOND) && value != Math.rint(value)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " is not a number: " + text);
        }
    }
}
