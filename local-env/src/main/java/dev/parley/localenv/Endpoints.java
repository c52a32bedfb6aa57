package dev.parley.localenv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.localenv.provision.DemoUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a client needs to reach the running local cloud; written as local-env/target/endpoints.json
 * (read by ./parley token, ./parley test and the integration tests).
 *
 * @param webSocketUrl     {@code ws://localhost:3001/{stage}}; add {@code ?token=...&deviceId=...}
 * @param connectionsUrl   the {@code @connections} base URL, {@code http://localhost:3001/{stage}/@connections}
 * @param awsEndpoint      moto behind the user pool triggers' front door ({@code CognitoTriggerProxy}), for {@code AWS_ENDPOINT_URL}
 * @param demoUsers        sign-in names and passwords of the demo users
 * @param pushesUrl        test-only: {@code GET} lists what SNS delivered to each mobile platform endpoint,
 *                         {@code DELETE} forgets it (moto_serial.py; see docs/local-env.md)
 * @param webUrl           the web client ({@code clients/web}) served by local-env; null without that directory
 */
public record Endpoints(String webSocketUrl, String connectionsUrl, String awsEndpoint, String region,
                        String userPoolId, String userPoolClientId, String stage, List<DemoUser.Login> demoUsers,
                        String pushesUrl, String webUrl) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the file atomically, so whoever polls for it never reads half of it. */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), this);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public static Endpoints readFrom(Path file) {
        try {
            return JSON.readValue(file.toFile(), Endpoints.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
