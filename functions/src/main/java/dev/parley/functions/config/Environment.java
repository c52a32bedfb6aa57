package dev.parley.functions.config;

import java.util.Map;
import java.util.Optional;

/**
 * A function's environment variables, read once at cold start. Lambda passes them as process
 * environment; local-env passes each function its own map, so nothing here reads
 * {@code System.getenv()} by itself.
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The trimmed value, or a {@link ConfigurationException} naming the missing variable. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(
                "Environment variable " + name + " is required but not set."));
    }

    /** The trimmed value; blank counts as unset. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
