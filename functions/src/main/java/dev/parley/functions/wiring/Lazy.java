package dev.parley.functions.wiring;

import java.util.function.Supplier;

/**
 * A part built on first use and kept for the life of the function instance, so every use case
 * of a function shares one adapter, and a function builds (and reads the configuration of) only
 * the parts its use cases need.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = factory.get();
        }
        return value;
    }
}
