package dev.parley.model;

/**
 * The stable catalogue of protocol error codes. A code never changes meaning once
 * published; new failures get new codes. Each says whose fault it is and whether the
 * same request may succeed if the client retries it unchanged.
 */
public enum ErrorCode {
    /** The frame is not a JSON object, or a field is missing, mistyped or out of range. */
    BAD_REQUEST(Fault.CLIENT, false),
    /** The {@code action} names no route this server knows. */
    UNKNOWN_ACTION(Fault.CLIENT, false),
    /** The frame exceeds a protocol limit (see {@link Limits}). */
    PAYLOAD_TOO_LARGE(Fault.CLIENT, false),
    /** The caller is not allowed to do this (for example, not a member of the conversation). */
    FORBIDDEN(Fault.CLIENT, false),
    /** The named conversation, user, device or message does not exist (or is not visible). */
    NOT_FOUND(Fault.CLIENT, false),
    /** The request conflicts with current state (for example, a duplicate with different content). */
    CONFLICT(Fault.CLIENT, false),
    /**
     * The envelopes of a device-addressed sendMessage do not match the members' current devices; the error's
     * {@code details} list them ({@code missing}, {@code extra}, {@code stale}). Claim keys, fix the set and
     * resend with the same clientMessageId: nothing was stored.
     */
    DEVICES_MISMATCH(Fault.CLIENT, false),
    /** The request would exceed a documented limit, such as the members of a conversation. */
    LIMIT_EXCEEDED(Fault.CLIENT, false),
    /** The caller sent too many requests; retry after a backoff with jitter. */
    RATE_LIMITED(Fault.CLIENT, true),
    /** A dependency is briefly unavailable or throttled; retry after a backoff with jitter. */
    UNAVAILABLE(Fault.SERVER, true),
    /** An unexpected server failure. It was logged with the request id; retrying may help. */
    INTERNAL(Fault.SERVER, true);

    /** Who has to change something for the request to succeed. */
    public enum Fault { CLIENT, SERVER }

    private final Fault fault;
    private final boolean retryable;

    ErrorCode(Fault fault, boolean retryable) {
        this.fault = fault;
        this.retryable = retryable;
    }

    public Fault fault() {
        return fault;
    }

    /** True when the same request, retried unchanged after a backoff, may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
