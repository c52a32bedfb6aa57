package dev.parley.functions.domain.conversation;

/**
 * A change to a group's roles or settings, decided on a read of its header: written (header and the rows it names
 * together, or nothing) only while what the decision rested on still holds; otherwise refused, and the use case
 * reads again and decides again. Roles live in the header on both tiers (a bounded admin set, which the send path
 * already reads) and are mirrored in the members' rows for their own listings.
 */
public sealed interface GroupChange {

    String conversationId();

    /**
     * {@code by} makes member {@code userId} an admin ({@code role} ADMIN) or a plain member again (MEMBER).
     * Holds while {@code by} may appoint admins ({@code byOwner}: as the owner; otherwise as an admin of a group
     * with no owner), {@code userId} still has a row and is not the owner, the group stays within
     * {@code maxAdmins}, and a demotion leaves at least one admin.
     */
    record SetRole(String conversationId, String by, boolean byOwner, String userId, Role role, int maxAdmins)
            implements GroupChange {
        public SetRole {
            if (role == Role.OWNER) {
                throw new IllegalArgumentException("ownership moves with a Transfer");
            }
        }
    }

    /** Owner {@code by} hands the group to member {@code userId}, who becomes an admin if not one; {@code by} stays an admin. */
    record Transfer(String conversationId, String by, String userId) implements GroupChange {
    }

    /**
     * Admin {@code by} sets a group's title (null: unchanged) and post policy (null: unchanged). Holds while
     * {@code by} is an admin.
     */
    record Settings(String conversationId, String by, String title, PostPolicy postPolicy) implements GroupChange {
    }
}
