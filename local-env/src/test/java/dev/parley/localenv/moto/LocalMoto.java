package dev.parley.localenv.moto;

import dev.parley.localenv.ProjectLayout;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Path;

/**
 * One moto server per test class, on a free port, with the standard SDK settings
 * ({@code aws.endpointUrl}, region, dummy credentials) pointing at it while the class runs.
 * Register it with {@code @RegisterExtension static final LocalMoto MOTO = new LocalMoto();}.
 */
public final class LocalMoto implements BeforeAllCallback, AfterAllCallback {
    public static final String REGION = "us-east-1";

    private MotoServer server;
    private SdkSystemProperties sdkSettings;

    @Override
    public void beforeAll(ExtensionContext context) {
        ProjectLayout layout = ProjectLayout.find();
        Path log = layout.localEnvTarget().resolve("moto-" + context.getRequiredTestClass().getSimpleName() + ".log");
        server = MotoServer.start(MotoServer.Settings.forProject(layout, 0).withLogFile(log));
        sdkSettings = SdkSystemProperties.pointAt(server.endpoint(), REGION);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sdkSettings != null) {
            sdkSettings.close();
        }
        if (server != null) {
            server.close();
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public MotoServer server() {
        return server;
    }
}
