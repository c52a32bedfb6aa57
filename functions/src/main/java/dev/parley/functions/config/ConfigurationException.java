package dev.parley.functions.config;

/** The environment does not describe a runnable function. Thrown at cold start, never per request. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
