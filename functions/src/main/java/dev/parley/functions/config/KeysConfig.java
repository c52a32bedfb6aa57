package dev.parley.functions.config;

/**
 * Configuration of the key directory: the key actions, revokeDevice (which removes a revoked
 * device's keys) and the announcements of device changes.
 *
 * @param region    {@code AWS_REGION}
 * @param keysTable {@code KEYS_TABLE}: the keys table's physical name, given by the CDK app
 */
public record KeysConfig(String region, String keysTable) {
    public static final String KEYS_TABLE = "KEYS_TABLE";

    public static KeysConfig from(Environment environment) {
        return new KeysConfig(AwsRegion.from(environment), environment.required(KEYS_TABLE));
    }
}
