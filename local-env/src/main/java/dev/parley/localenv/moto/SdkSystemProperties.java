package dev.parley.localenv.moto;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points every AWS SDK client built in this JVM afterwards at a local endpoint, through the SDK's
 * standard system properties ({@code aws.endpointUrl}, {@code aws.region}, {@code aws.accessKeyId},
 * {@code aws.secretAccessKey}), as an emulator-hosted Lambda gets them from its environment. The
 * in-process handlers' clients read exactly these; no code overrides an endpoint.
 * {@link #close()} restores the previous values.
 */
public final class SdkSystemProperties implements AutoCloseable {
    /** moto accepts any credentials; these only let the SDK sign. */
    public static final String ACCESS_KEY_ID = "parley-local";
    public static final String SECRET_ACCESS_KEY = "parley-local-secret";

    private final Map<String, String> previous;

    private SdkSystemProperties(Map<String, String> previous) {
        this.previous = previous;
    }

    public static SdkSystemProperties pointAt(URI endpoint, String region) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("aws.endpointUrl", endpoint.toString());
        settings.put("aws.region", region);
        settings.put("aws.accessKeyId", ACCESS_KEY_ID);
        settings.put("aws.secretAccessKey", SECRET_ACCESS_KEY);
        Map<String, String> previous = new HashMap<>();
        settings.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        return new SdkSystemProperties(previous);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
