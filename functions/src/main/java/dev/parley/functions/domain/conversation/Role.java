package dev.parley.functions.domain.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in a group (docs/protocol.md, Roles): the owner (its creator) is also an admin and alone makes
 * and unmakes admins; admins change membership, title and post policy; members post (unless only admins may).
 * Everyone in a direct conversation is a member.
 */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** The protocol's and the table's spelling: {@code owner}, {@code admin} or {@code member}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(role -> role.value().equals(value)).findFirst();
    }
}
