package dev.parley.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documented format of every id a request names. A field's name decides its format in every
 * action, so {@code conversationId} is the same check in sendMessage as in muteConversation. The
 * codec checks them before any use case runs: a malformed id is BAD_REQUEST everywhere, and only a
 * well-formed id is ever looked up (and may be NOT_FOUND).
 */
public final class IdFormats {
    /** A format and how the protocol describes it to a client who got it wrong. */
    public record Format(Pattern pattern, String description) {
        public boolean matches(String value) {
            return value != null && pattern.matcher(value).matches();
        }
    }

    public static final Format CONVERSATION_ID = new Format(Pattern.compile("^[dg]_[0-9a-f]{32}$"),
            "d_ or g_ followed by 32 lowercase hex digits");
    /** The Cognito {@code sub} (a UUID) as findUsers returns it; other ids of this alphabet are well-formed. */
    public static final Format USER_ID = new Format(Pattern.compile("^[A-Za-z0-9_.:@-]{1,128}$"),
            "a user id as findUsers returns it (1 to 128 of A-Z a-z 0-9 _ . : @ -)");
    public static final Format DEVICE_ID = new Format(Pattern.compile("^[A-Za-z0-9_-]{1,64}$"),
            "1 to 64 of A-Z a-z 0-9 _ -");
    public static final Format CLIENT_MESSAGE_ID = new Format(
            Pattern.compile("^[A-Za-z0-9_-]{1," + Limits.MAX_CLIENT_MESSAGE_ID_LENGTH + "}$"),
            "1 to " + Limits.MAX_CLIENT_MESSAGE_ID_LENGTH + " of A-Z a-z 0-9 _ -");
    public static final Format MEDIA_ID = new Format(Pattern.compile("^m_[a-z2-7]{26}$"),
            "m_ followed by 26 of a-z 2-7");

    /**
     * Request fields that hold ids, by name: a string field is the id itself, a list field holds ids,
     * a map field ({@code sync}'s cursors) is keyed by them.
     */
    static final Map<String, Format> BY_FIELD = Map.of(
            "conversationId", CONVERSATION_ID,
            "cursors", CONVERSATION_ID,
            "userIds", USER_ID,
            "members", USER_ID,
            "mentions", USER_ID,
            "deviceId", DEVICE_ID,
            "clientMessageId", CLIENT_MESSAGE_ID,
            "mediaId", MEDIA_ID,
            "media", MEDIA_ID);

    private IdFormats() {
    }
}
