package dev.parley.functions.domain.conversation;

import java.time.Instant;
import java.util.Set;

/**
 * A change to who is in a group, decided on a read of its header. The store writes it only while
 * what the decision rested on still holds (see each record), header and membership rows together
 * or not at all; otherwise it refuses, and the use case reads again and decides again.
 */
public sealed interface MembershipChange {

    String conversationId();

    /**
     * Admin {@code by} adds {@code userIds}, none of them a member yet. Holds while {@code by} is an
     * admin, none of them joined meanwhile, and the group stays within {@code maxMembers}.
     */
    record Add(String conversationId, String by, Set<String> userIds, int maxMembers, Instant joinedAt)
            implements MembershipChange {
        public Add {
            userIds = Set.copyOf(userIds);
        }
    }

    /** Admin {@code by} removes {@code userIds}, all of them members. Holds while {@code by} is an admin and they are members. */
    record Remove(String conversationId, String by, Set<String> userIds) implements MembershipChange {
        public Remove {
            userIds = Set.copyOf(userIds);
        }
    }

    /**
     * {@code userId} leaves. What must still hold depends on the leaver's {@link Standing}, so that
     * two admins leaving at once cannot leave a group without one.
     *
     * @param heir the member promoted to admin when the last admin leaves, else null
     */
    record Leave(String conversationId, String userId, Standing standing, String heir) implements MembershipChange {
        public Leave {
            if ((standing == Standing.LAST_ADMIN) != (heir != null)) {
                throw new IllegalArgumentException("exactly the last admin leaving names an heir");
            }
        }
    }

    /** Where a leaver stood when the decision was made. */
    enum Standing {
        /** Not an admin (and still not one). */
        MEMBER,
        /** An admin, and at least one other admin stays. */
        ONE_OF_SEVERAL_ADMINS,
        /** The only admin; other members stay and the heir becomes admin. */
        LAST_ADMIN,
        /** The only member; the header stays, with no members. */
        LAST_MEMBER
    }
}
