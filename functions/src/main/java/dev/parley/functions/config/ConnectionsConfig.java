package dev.parley.functions.config;

/**
 * Configuration of the functions that read or write the connections table
 * ($connect, $disconnect, $default).
 *
 * @param region           {@code AWS_REGION}
 * @param connectionsTable {@code CONNECTIONS_TABLE}: the table's physical name, given by the CDK app
 */
public record ConnectionsConfig(String region, String connectionsTable) {
    public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";

    public static ConnectionsConfig from(Environment environment) {
        return new ConnectionsConfig(AwsRegion.from(environment), environment.required(CONNECTIONS_TABLE));
    }
}
