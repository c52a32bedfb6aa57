package dev.parley.model;

/** Protocol limits. The frame and message limits are API Gateway's own and cannot be raised. */
public final class Limits {
    /** Largest single WebSocket frame API Gateway accepts; a larger one closes the socket with 1009. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    /** Largest (possibly fragmented) WebSocket message; a larger one closes the socket with 1009. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** Longest accepted {@code requestId}; clients use it only to match replies. */
    public static final int MAX_REQUEST_ID_LENGTH = 128;
    /** Longest accepted {@code action} name. */
    public static final int MAX_ACTION_LENGTH = 64;

    private Limits() {
    }
}
