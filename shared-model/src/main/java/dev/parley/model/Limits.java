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

    /**
     * Most members a conversation may have while fan-out is inline: a conversation's header and
     * its member rows fit one TransactWriteItems (100 items), its members' connections one
     * BatchGetItem (100 keys). Larger groups arrive with queued fan-out.
     */
    public static final int MAX_MEMBERS = 64;
    /** Largest message body: UTF-8 bytes of {@code text}, or characters of base64 {@code ciphertext}. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest conversation title, in characters. */
    public static final int MAX_TITLE_CHARS = 128;
    /** Most usernames one findUsers request may look up. */
    public static final int MAX_FIND_USERS = 25;
    /** findUsers requests a user may make per minute. */
    public static final int FIND_USERS_PER_MINUTE = 30;
    /** Longest clientMessageId; it is 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;
    /**
     * How many of a conversation's latest messages a send checks for the same
     * (senderDeviceId, clientMessageId) before storing: the server's dedupe window.
     */
    public static final int DEDUPE_WINDOW = 10;
    /** Most conversations one listConversations page holds. */
    public static final int MAX_PAGE = 50;
    /** How often clients should send {@code ping} on an otherwise quiet socket (the idle timeout is 10 minutes). */
    public static final int PING_INTERVAL_SECONDS = 300;

    private Limits() {
    }
}
