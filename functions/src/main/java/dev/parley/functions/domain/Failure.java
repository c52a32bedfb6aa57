package dev.parley.functions.domain;

/**
 * The expected ways a request can fail. Each maps to one protocol error code in
 * {@code handler.ErrorFrames}; adding a failure there is a compile error until it is mapped.
 * Anything that is not a {@code Failure} is unexpected: logged once, answered with INTERNAL.
 */
public sealed interface Failure {

    /** The request names an action no route handles. */
    record UnknownAction(String action) implements Failure {
    }

    /** A dependency (a table, the management API) refused or throttled the call after the SDK's retries. */
    record Unavailable(String dependency) implements Failure {
    }
}
