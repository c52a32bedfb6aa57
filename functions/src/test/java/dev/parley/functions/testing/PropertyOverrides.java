package dev.parley.functions.testing;

import java.util.HashMap;
import java.util.Map;

/** System properties set for a while and then put back as they were, for extensions that point the SDK somewhere. */
final class PropertyOverrides {
    private final Map<String, String> previous = new HashMap<>();

    void set(Map<String, String> properties) {
        properties.forEach((name, value) -> {
            previous.putIfAbsent(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    void restore() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        previous.clear();
    }
}
