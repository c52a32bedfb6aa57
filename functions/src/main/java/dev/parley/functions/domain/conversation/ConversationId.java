package dev.parley.functions.domain.conversation;

import dev.parley.model.IdFormats;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversation ids: {@code d_} plus 32 hex digits for a direct conversation, {@code g_} plus 32
 * for a group. A direct id is derived from its two members, so the same two users always land on
 * the same conversation, whoever creates it and however often.
 */
public final class ConversationId {
    private static final Pattern FORMAT = IdFormats.CONVERSATION_ID.pattern();

    private ConversationId() {
    }

    /**
     * {@code d_} + the first 32 hex digits of SHA-256 over the two user ids, sorted and joined by a
     * newline (user ids never contain one), so the order the members are named in does not matter.
     */
    public static String direct(String oneUserId, String otherUserId) {
        String first = oneUserId.compareTo(otherUserId) <= 0 ? oneUserId : otherUserId;
        String second = first.equals(oneUserId) ? otherUserId : oneUserId;
        byte[] digest = sha256((first + "\n" + second).getBytes(StandardCharsets.UTF_8));
        return "d_" + HexFormat.of().formatHex(digest).substring(0, 32);
    }

    /** {@code g_} + a random UUID without its dashes. */
    public static String newGroup() {
        return "g_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The id if it has the format of one; otherwise a BAD_REQUEST naming the field. */
    public static String require(String conversationId) {
        if (conversationId == null) {
            throw new FailureException(new Failure.BadRequest("Field \"conversationId\" is required."));
        }
        if (!FORMAT.matcher(conversationId).matches()) {
            throw new FailureException(new Failure.BadRequest(
                    "Field \"conversationId\" must be d_ or g_ followed by 32 lowercase hex digits."));
        }
        return conversationId;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
