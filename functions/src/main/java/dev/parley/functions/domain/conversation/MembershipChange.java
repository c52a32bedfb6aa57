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

    /** The tier the conversation was on when the change was decided: it says where its members are kept. */
    Tier tier();

    /**
     * Admin {@code by} adds {@code userIds}, none of them a member yet, to a conversation that stays
     * on its tier. Holds while {@code by} is an admin, none of them joined meanwhile, the
     * conversation is still on {@code tier}, and it stays within {@code maxMembers}.
     */
    record Add(String conversationId, String by, Set<String> userIds, int maxMembers, Instant joinedAt, Tier tier)
            implements MembershipChange {
        public Add {
            userIds = Set.copyOf(userIds);
        }

        /** An add to a small conversation. */
        public Add(String conversationId, String by, Set<String> userIds, int maxMembers, Instant joinedAt) {
            this(conversationId, by, userIds, maxMembers, joinedAt, Tier.SMALL);
        }
    }

    /**
     * Admin {@code by} adds {@code userIds} to a small group that then has more than a small one
     * holds: in the same write the header drops its member set and becomes large, counting
     * {@code earlier} + the newcomers, and every row is marked large (sync reads a large
     * conversation's last seq from its timeline, not from the row). Holds while {@code by} is an
     * admin, the group is still small with exactly as many members as {@code earlier}, they all
     * still have rows, and none of the newcomers joined meanwhile. At most
     * {@code 99 - earlier.size()} newcomers: one transaction holds 100 items.
     */
    record Grow(String conversationId, String by, Set<String> userIds, Set<String> earlier, Instant joinedAt)
            implements MembershipChange {
        public Grow {
            userIds = Set.copyOf(userIds);
            earlier = Set.copyOf(earlier);
            if (1 + earlier.size() + userIds.size() > 100) {
                throw new IllegalArgumentException("a switch to large is one transaction of at most 100 items");
            }
        }

        public int membersBefore() {
            return earlier.size();
        }

        @Override
        public Tier tier() {
            return Tier.SMALL;
        }
    }

    /**
     * Admin {@code by} removes {@code userIds}, all of them members, none the owner. Holds while {@code by} is an
     * admin, they are members and none of them became the owner.
     */
    record Remove(String conversationId, String by, Set<String> userIds, Tier tier) implements MembershipChange {
        public Remove {
            userIds = Set.copyOf(userIds);
        }

        /** A removal from a small conversation. */
        public Remove(String conversationId, String by, Set<String> userIds) {
            this(conversationId, by, userIds, Tier.SMALL);
        }
    }

    /**
     * {@code userId} leaves. What must still hold depends on the leaver's {@link Standing}, so that
     * two admins leaving at once cannot leave a group without one.
     *
     * @param heir  the member promoted to admin when the last admin leaves, else null
     * @param owner whether the leaver owns the group: it then has no owner, and its admins act as one
     */
    record Leave(String conversationId, String userId, Standing standing, String heir, Tier tier, boolean owner)
            implements MembershipChange {
        public Leave {
            if ((standing == Standing.LAST_ADMIN) != (heir != null)) {
                throw new IllegalArgumentException("exactly the last admin leaving names an heir");
            }
            if (owner && standing == Standing.MEMBER) {
                throw new IllegalArgumentException("an owner is an admin");
            }
        }

        /** A leaver who does not own the group. */
        public Leave(String conversationId, String userId, Standing standing, String heir, Tier tier) {
            this(conversationId, userId, standing, heir, tier, false);
        }

        /** A member leaving a small conversation. */
        public Leave(String conversationId, String userId, Standing standing, String heir) {
            this(conversationId, userId, standing, heir, Tier.SMALL);
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
