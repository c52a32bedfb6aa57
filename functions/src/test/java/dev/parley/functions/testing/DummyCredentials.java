package dev.parley.functions.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * Signing needs credentials; local stand-ins such as {@link ConnectionsApiServer} ignore them.
 * Sets dummy {@code aws.accessKeyId}/{@code aws.secretAccessKey} for a test class and restores the
 * previous values after it. Use as {@code @RegisterExtension static final DummyCredentials CREDENTIALS = new DummyCredentials();}.
 */
public final class DummyCredentials implements BeforeAllCallback, AfterAllCallback {
    private final PropertyOverrides properties = new PropertyOverrides();

    @Override
    public void beforeAll(ExtensionContext context) {
        properties.set(Map.of("aws.accessKeyId", "test", "aws.secretAccessKey", "test"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        properties.restore();
    }
}
