package dev.parley.functions.config;

/**
 * Configuration of the functions that read or write the devices table: the authorizer (revocation
 * check), $connect (records the device) and the device actions.
 *
 * @param region       {@code AWS_REGION}
 * @param devicesTable {@code DEVICES_TABLE}: the table's physical name, given by the CDK app
 */
public record DevicesConfig(String region, String devicesTable) {
    public static final String DEVICES_TABLE = "DEVICES_TABLE";

    public static DevicesConfig from(Environment environment) {
        return new DevicesConfig(AwsRegion.from(environment), environment.required(DEVICES_TABLE));
    }
}
