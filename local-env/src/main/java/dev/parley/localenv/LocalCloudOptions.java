package dev.parley.localenv;

import software.amazon.awssdk.regions.Region;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the local cloud, read once from the command line and the environment.
 *
 * <pre>
 *   --port N            gateway (WebSocket and @connections) port   env PARLEY_PORT       default 3001
 *   --moto-port N       moto (the AWS endpoint) port                env PARLEY_MOTO_PORT  default 5055
 *   --region R          AWS region                                  env PARLEY_REGION     default us-east-1
 *   --template FILE     synthesized template    -Dparley.template   default cdk.out/Parley.template.json
 *   --endpoints-file F  where the endpoints are written             default local-env/target/endpoints.json
 *   --web-port N        the web client (clients/web, /config.json)  env PARLEY_WEB_PORT   default 3000
 * </pre>
 * Port 0 picks a free port.
 */
public record LocalCloudOptions(int gatewayPort, int motoPort, Region region, Path template, Path endpointsFile,
                                ProjectLayout layout, int webPort) {
    public static final int DEFAULT_GATEWAY_PORT = 3001;
    public static final int DEFAULT_MOTO_PORT = 5055;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_WEB_PORT = 3000;

    public LocalCloudOptions {
        requirePort(gatewayPort, "gateway port");
        requirePort(motoPort, "moto port");
        requirePort(webPort, "web client port");
    }

    public LocalCloudOptions(int gatewayPort, int motoPort, Region region, Path template, Path endpointsFile, ProjectLayout layout) {
        this(gatewayPort, motoPort, region, template, endpointsFile, layout, DEFAULT_WEB_PORT);
    }

    /** Defaults for the checkout at {@code layout}: the ports above, us-east-1, the synthesized template. */
    public static LocalCloudOptions defaults(ProjectLayout layout) {
        return new LocalCloudOptions(DEFAULT_GATEWAY_PORT, DEFAULT_MOTO_PORT, Region.of(DEFAULT_REGION), layout.template(),
                layout.localEnvTarget().resolve("endpoints.json"), layout);
    }

    public static LocalCloudOptions parse(String[] args, Map<String, String> env, ProjectLayout layout) {
        LocalCloudOptions options = defaults(layout);
        int gatewayPort = env.containsKey("PARLEY_PORT") ? port(env.get("PARLEY_PORT")) : options.gatewayPort();
        int motoPort = env.containsKey("PARLEY_MOTO_PORT") ? port(env.get("PARLEY_MOTO_PORT")) : options.motoPort();
        Region region = Region.of(env.getOrDefault("PARLEY_REGION", DEFAULT_REGION));
        Path template = options.template();
        Path endpointsFile = options.endpointsFile();
        int webPort = env.containsKey("PARLEY_WEB_PORT") ? port(env.get("PARLEY_WEB_PORT")) : options.webPort();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> gatewayPort = port(value);
                case "--moto-port" -> motoPort = port(value);
                case "--region" -> region = Region.of(value);
                case "--template" -> template = Path.of(value).toAbsolutePath();
                case "--endpoints-file" -> endpointsFile = Path.of(value).toAbsolutePath();
                case "--web-port" -> webPort = port(value);
                default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + usage());
            }
        }
        return new LocalCloudOptions(gatewayPort, motoPort, region, template, endpointsFile, layout, webPort);
    }

    /** Both ports 0: what tests and the integration test runner use. */
    public LocalCloudOptions onFreePorts() {
        return new LocalCloudOptions(0, 0, region, template, endpointsFile, layout, 0);
    }

    public LocalCloudOptions withEndpointsFile(Path file) {
        return new LocalCloudOptions(gatewayPort, motoPort, region, template, file, layout, webPort);
    }

    public static String usage() {
        return "Usage: LocalCloud [--port N] [--moto-port N] [--region R] [--template FILE] [--endpoints-file FILE] [--web-port N]  (0 = a free port)";
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port number: " + value);
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The " + name + " must be 0..65535, got " + port);
        }
    }
}
