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
     * Deepest nesting of objects and arrays in a request; the frame itself is level 1. No action
     * needs more than 3; a deeper frame is BAD_REQUEST before any field is read.
     */
    public static final int MAX_JSON_DEPTH = 32;
    /** Most digits of a JSON number in a request (a 64-bit integer has at most 19); a longer one is BAD_REQUEST. */
    public static final int MAX_NUMBER_DIGITS = 20;

    /**
     * Most members of a small conversation, whose fan-out is inline: its header and member rows
     * fit one TransactWriteItems (100 items), its members' connections one BatchGetItem (100
     * keys). A group that grows past it becomes large; createConversation stays within it.
     */
    public static final int MAX_MEMBERS = 64;
    /**
     * Most members of a large conversation: membership lives in rows paged through an index,
     * fan-out is queued. Tested at this size; the layout is sized for 100,000 (docs/cost.md).
     */
    public static final int MAX_LARGE_MEMBERS = 10_000;
    /** Most user ids one addMembers may add: the header and one row each fit one TransactWriteItems (100 items). */
    public static final int MAX_ADD_MEMBERS = 99;
    /**
     * Most user ids one removeMembers may remove: the header, one row each and a large group's 8 read-count
     * shards (each leaver's read taken back) fit one TransactWriteItems (100 items).
     */
    public static final int MAX_REMOVE_MEMBERS = 91;
    /**
     * Most admins of a group, owner included: the admin set stays in the header on both tiers, where the send path
     * reads it for an announcement group's check (64 ids of ~40 bytes: under 3 KB of a 400 KB item).
     */
    public static final int MAX_ADMINS = 64;
    /** Most members one listMembers page holds. */
    public static final int MAX_MEMBERS_PAGE = 100;
    /**
     * Most members of an end-to-end encrypted group (Signal's cap): past {@link #MAX_MEMBERS} it is large, whose
     * queued fan-out carries sender-key messages and partial batches of pairwise envelopes. Bounded because a
     * re-key is one pairwise envelope per member device (docs/e2ee.md, docs/cost.md W12).
     */
    public static final int MAX_E2EE_GROUP_MEMBERS = 1_000;
    /**
     * Most envelopes of one device-addressed sendMessage. The frame limit ({@link #MAX_FRAME_BYTES}) binds
     * first for real ciphertexts: about 135 envelopes of short Signal messages fit one frame (docs/protocol/e2ee.md, "Sizes").
     */
    public static final int MAX_ENVELOPES_PER_MESSAGE = 200;
    /** Largest message body: UTF-8 bytes of {@code text}, or characters of base64 {@code ciphertext} (of each envelope). */
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
     * How many of a conversation's latest messages a send reads for the same
     * (senderDeviceId, clientMessageId) before storing: a retry found there costs nothing more.
     */
    public static final int DEDUPE_WINDOW = 10;
    /**
     * How long a stored send is recognised by its (sender, senderDeviceId, clientMessageId),
     * whatever the conversation's traffic: a retry within it gets the original's seq.
     */
    public static final int IDEMPOTENCY_HOURS = 24;
    /** Most conversations one listConversations page holds. */
    public static final int MAX_PAGE = 50;
    /** How often clients should send {@code ping} on an otherwise quiet socket (the idle timeout is 10 minutes). */
    public static final int PING_INTERVAL_SECONDS = 300;

    /** Most messages one history page or one conversation of a sync page holds. */
    public static final int MAX_HISTORY_PAGE = 100;
    /** Messages per history page or per synced conversation when the request names no limit. */
    public static final int DEFAULT_HISTORY_PAGE = 50;
    /**
     * Largest encoded sync or history reply, in bytes: a route response is one WebSocket message,
     * at most {@link #MAX_MESSAGE_BYTES}; the rest is margin. A page that would pass it ends early
     * with {@code hasMore}.
     */
    public static final int MAX_REPLY_BYTES = 96 * 1024;
    /** Most cursors one sync may send (a 32 KB frame holds about 450). */
    public static final int MAX_SYNC_CURSORS = 1000;
    /**
     * Largest conversation whose members see each other's delivered and read cursors: above it a
     * receipt would cost a post to every member's devices per message read.
     */
    public static final int RECEIPTS_MAX_MEMBERS = 16;
    /** How long a "typing" indicator lasts unless refreshed; clients refresh every 3 seconds. */
    public static final int TYPING_EXPIRES_MS = 6_000;
    /** typing requests a user may make per minute, all conversations together. */
    public static final int TYPING_PER_MINUTE = 60;
    /** How long a {@code viewConversation} lasts when the client names no {@code ttlSeconds}; clients refresh before it ends. */
    public static final int VIEW_DEFAULT_TTL_SECONDS = 60;
    /** The longest {@code ttlSeconds} a {@code viewConversation} may ask for. */
    public static final int VIEW_MAX_TTL_SECONDS = 300;
    /** A socket gets at most one {@code conversationActivity} per conversation in this long. */
    public static final int ACTIVITY_INTERVAL_MS = 30_000;
    /** Most seqs one readCounts request may ask about. */
    public static final int MAX_READ_COUNT_SEQS = 50;
    /** Most users one getPresence request may ask about. */
    public static final int MAX_PRESENCE_USERS = 50;
    /**
     * Seconds a user must stay without connections before others see them offline: a quick
     * reconnect shows no flap.
     */
    public static final int PRESENCE_DEBOUNCE_SECONDS = 10;
    /** Longest push token accepted by registerDevice. */
    public static final int MAX_PUSH_TOKEN_LENGTH = 4096;

    /**
     * Most user ids one message may name in {@code mentions}: the send path checks each is a member
     * (one batched read), so its cost is bounded whatever the group's size.
     */
    public static final int MAX_MENTIONS = 50;
    /**
     * In a large conversation, a member gets at most one mention or reply push per conversation in
     * this long: a busy thread that keeps naming someone buzzes their phone once.
     */
    public static final int MENTION_PUSH_COLLAPSE_SECONDS = 300;

    /**
     * Most messages sync lists of a large conversation from its one read of the conversation (the newest,
     * for a device new to it; a device at most this far behind gets them all from that read): 5,000
     * members syncing at once stay within the partition's read capacity (docs/cost.md, "Hot partitions").
     */
    public static final int LARGE_SYNC_PAGE = 8;

    /** Most media ids one message may carry. */
    public static final int MAX_MEDIA_PER_MESSAGE = 10;
    /** requestUpload calls a user may make per minute; per-type size limits are in MediaTypes. */
    public static final int UPLOADS_PER_MINUTE = 30;
    /** How long an upload form stays valid: the upload must start before then. */
    public static final int UPLOAD_FORM_EXPIRY_SECONDS = 300;
    /** How long a getMediaUrl URL stays valid. */
    public static final int MEDIA_URL_EXPIRY_SECONDS = 900;

    /** Most one-time keys of each kind (EC, Kyber) one publishKeys may carry; more is LIMIT_EXCEEDED. */
    public static final int MAX_ONE_TIME_KEYS_PER_PUBLISH = 100;
    /** A device below this many one-time keys of a kind after a claim gets a {@code keysLow} event. */
    public static final int KEYS_LOW_THRESHOLD = 10;
    /** claimKeys a caller may make per minute for one target device (a claim of all devices counts once per device). */
    public static final int KEY_CLAIMS_PER_MINUTE = 20;
    /** Most key log entries one getKeyLog reply carries; ask again with {@code afterSeq} for more. */
    public static final int MAX_KEY_LOG_PAGE = 100;

    private Limits() {
    }
}
