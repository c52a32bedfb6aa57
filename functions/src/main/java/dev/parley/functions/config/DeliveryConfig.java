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
 */
public record DeliveryConfig(String region, URI managementEndpoint) {
    public static final String APIGW_MANAGEMENT_ENDPOINT = "APIGW_MANAGEMENT_ENDPOINT";

    public static DeliveryConfig from(Environment environment) {
        String endpoint = environment.required(APIGW_MANAGEMENT_ENDPOINT);
        try {
            URI uri = URI.create(endpoint);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return new DeliveryConfig(AwsRegion.from(environment), uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below with the variable's name
        }
        throw new ConfigurationException(APIGW_MANAGEMENT_ENDPOINT + " is not an http(s) URL: " + endpoint);
    }
}
