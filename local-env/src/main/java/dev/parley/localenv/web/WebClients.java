package dev.parley.localenv.web;

import dev.parley.localenv.LocalCloudOptions;
import dev.parley.localenv.provision.DemoUser;
import dev.parley.localenv.provision.ProvisionedCloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Starts the {@link WebClientServer} for the local cloud, with a {@code /config.json} pointing at it. */
public final class WebClients {
    private static final Logger LOG = LoggerFactory.getLogger(WebClients.class);

    private WebClients() {
    }

    /** The started server and its URL; both null when the checkout has no {@code clients/web}. */
    public record Served(WebClientServer server, String url) {
    }

    /**
     * @param webSocketUrl the gateway's stage URL
     * @param motoEndpoint where the browser calls Cognito: moto answers CORS preflights itself (flask-cors)
     */
    public static Served serve(LocalCloudOptions options, URI webSocketUrl, URI motoEndpoint, String region,
                               ProvisionedCloud provisioned) throws Exception {
        Path root = options.layout().root().resolve("clients").resolve("web");
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            LOG.info("no web client to serve root={}", root);
            return new Served(null, null);
        }
        // Only users who sign in with a password alone: the form has no TOTP step yet.
        List<DemoUser.Login> users = provisioned.demoUsers().stream().filter(u -> u.mfa() == null).toList();
        WebClientConfig config = new WebClientConfig(webSocketUrl.toString(), region, motoEndpoint.toString(),
                provisioned.userPoolId(), provisioned.userPoolClientId(), "password",
                users.stream().map(DemoUser.Login::username).toList(),
                users.isEmpty() ? null : users.getFirst().password());
        WebClientServer server = new WebClientServer(root, config);
        try {
            server.start(options.webPort());
        } catch (Exception e) {
            closeQuietly(server);
            throw new IllegalStateException("Cannot serve the web client on port " + options.webPort()
                    + " (--web-port / PARLEY_WEB_PORT picks another; 0 a free one)", e);
        }
        return new Served(server, server.url().toString());
    }

    public static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("web client server did not stop cleanly error={}", e.toString());
        }
    }
}
