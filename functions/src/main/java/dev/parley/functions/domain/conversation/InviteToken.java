package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.RequestFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An invite token: {@code conversationId.inviteId.secret}, the secret 32 random bytes in unpadded base64url. The group
 * and invite id make the stored invite one key lookup; the secret is what makes the link unguessable, and is stored
 * only as its SHA-256.
 */
public record InviteToken(String conversationId, long inviteId, String secret) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("(g_[0-9a-f]{32})\\.([1-9][0-9]{0,15})\\.([A-Za-z0-9_-]{43})");
    /** Invite ids stay below 2^53, so JSON clients read them exactly. */
    private static final long MAX_ID = (1L << 53) - 1;

    public static InviteToken newFor(String conversationId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        long inviteId = 1 + (RANDOM.nextLong() >>> 11) % MAX_ID;
        return new InviteToken(conversationId, inviteId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token if it has the format of one; otherwise a BAD_REQUEST. */
    public static InviteToken parse(String token) {
        String value = RequestFields.required(token, "token");
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(2)) > MAX_ID) {
            throw RequestFields.badRequest("Field \"token\" must be an invite token as createInvite returned it.");
        }
        return new InviteToken(matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3));
    }

    public String secretHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code storedHash} is this secret's, compared in constant time. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public String value() {
        return conversationId + "." + inviteId + "." + secret;
    }
}
