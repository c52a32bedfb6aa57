package dev.parley.functions.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signing needs credentials; local stand-ins such as {@link ConnectionsApiServer} ignore them.
 * Sets dummy {@code aws.accessKeyId}/{@code aws.secretAccessKey} for a test class and restores the
 * previous values after it. Use as {@code @RegisterExtension static final DummyCredentials CREDENTIALS = new DummyCredentials();}.
 */
public final class DummyCredentials implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");
    private final Map<String, String> previous = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String property : PROPERTIES) {
            previous.put(property, System.getProperty(property));
            System.setProperty(property, "test");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        previous.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        previous.clear();
    }
}
