package dev.parley.client;

/**
 * Where the client's connection is. Listeners see every change, in order
 * ({@link ParleyClient#addStateListener}).
 */
public sealed interface ConnectionState {

    /** Opening a socket; {@code attempt} counts from 1 since the last time it was connected. */
    record Connecting(int attempt) implements ConnectionState {
    }

    /** The socket is open and authorized; requests flow. */
    record Connected() implements ConnectionState {
    }

    /**
     * Not connected; the next attempt starts at {@code nextRetryAtMillis} (epoch milliseconds).
     * {@code reason} says what went wrong, for logs and for an app's "reconnecting in 5 s" line.
     */
    record Waiting(long nextRetryAtMillis, int attempt, String reason) implements ConnectionState {
    }

    /**
     * Terminal until the app signs the user in again: the device was revoked (403 on connect),
     * the refresh token stopped working, or a fresh token was refused. No reconnect is attempted.
     */
    record SignedOut(String reason) implements ConnectionState {
    }

    /** The app closed the client. */
    record Stopped() implements ConnectionState {
    }
}
