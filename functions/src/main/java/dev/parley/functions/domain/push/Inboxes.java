package dev.parley.functions.domain.push;

import java.time.Instant;

/** Port: the memberships table as pushes use it. */
public interface Inboxes {
    /** The value of {@code mutedUntil} for "muted until unmuted": 9999-12-31T23:59:59Z. */
    long MUTED_FOREVER = 253_402_300_799_000L;

    /** The user's membership rows (all pages of one Query). */
    Inbox of(String userId);

    /**
     * Sets or clears the user's mute of the conversation and bumps the row's {@code updatedAt}.
     *
     * @param mutedUntil epoch ms, or 0 to unmute
     * @return false when the user has no membership row for the conversation
     */
    boolean mute(String userId, String conversationId, long mutedUntil, Instant now);
}
