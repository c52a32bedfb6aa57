package dev.parley.client.store;

/** The store could not read or write; the SDK's operation that needed it fails with this. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
