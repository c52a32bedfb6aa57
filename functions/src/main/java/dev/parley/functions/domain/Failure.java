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

    /**
     * A conversation the caller cannot see: it does not exist, or the caller is not a member.
     * Both are one failure with one message, so a non-member learns nothing, not even existence.
     */
    record ConversationNotFound(String conversationId) implements Failure {
    }

    /**
     * Media the caller cannot fetch: no such id, another conversation's, or not READY (yet). One
     * failure with one message, like {@link ConversationNotFound}, so ids cannot be probed.
     */
    record MediaNotFound(String conversationId, String mediaId) implements Failure {
    }

    /** The caller has no device with this id. */
    record DeviceNotFound(String deviceId) implements Failure {
    }

    /** {@code userId} has no device with keys numbered {@code deviceNum} (null: no device with keys at all). */
    record KeysNotFound(String userId, Integer deviceNum) implements Failure {
    }

    /** A field is missing, mistyped, malformed or not allowed here; {@code message} says which and why. */
    record BadRequest(String message) implements Failure {
    }

    /**
     * A pairwise message's envelopes do not match the members' current devices (docs/protocol/e2ee.md); each list
     * is sorted by user, then device number, and at least one is not empty.
     */
    record DevicesMismatch(java.util.List<Device> missing, java.util.List<Device> extra, java.util.List<Device> stale)
            implements Failure {
        public DevicesMismatch {
            missing = java.util.List.copyOf(missing);
            extra = java.util.List.copyOf(extra);
            stale = java.util.List.copyOf(stale);
        }

        /** A device as libsignal addresses it. */
        public record Device(String userId, int deviceNum) {
        }
    }

    /**
     * A sender-key send named another membership epoch of its large group than the current one (docs/protocol/e2ee.md):
     * the sender's member list is out of date; nothing was stored.
     */
    record MembersChanged(long membersEpoch) implements Failure {
    }

    /** A body or field is over a documented limit; {@code message} names the limit. */
    record PayloadTooLarge(String message) implements Failure {
    }

    /** A member who is not an admin tried to change other people's membership of a group. */
    record NotAdmin(String conversationId) implements Failure {
    }

    /** The caller's role does not allow this (posting in an announcement group, changing roles); {@code message} says why. */
    record Forbidden(String message) implements Failure {
    }

    /**
     * An invite link that admits nobody now; {@code why} goes to the client as {@code details.reason}, so apps need not
     * read the message. NOT_VALID (unknown link or wrong secret) is the only reason a caller without the secret gets.
     */
    record InviteUnusable(Why why, String message) implements Failure {
        public enum Why {
            NOT_VALID("notValid"), REVOKED("revoked"), EXPIRED("expired"), USED_UP("usedUp"),
            CREATOR_NOT_ADMIN("creatorNotAdmin");

            private final String wire;

            Why(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }
        }
    }

    /** The request would take something past a documented limit, such as a group's member limit; {@code message} names it. */
    record LimitExceeded(String message) implements Failure {
    }

    /** The caller made more {@code action} requests than {@code perMinute} this minute. */
    record RateLimited(String action, int perMinute) implements Failure {
    }

    /** The action needs a sign-in more recent than {@code within}: sign in again, connect, and ask again. */
    record SignInTooOld(java.time.Duration within) implements Failure {
    }

    /** A dependency (a table, the management API) refused or throttled the call after the SDK's retries. */
    record Unavailable(String dependency) implements Failure {
    }
}
