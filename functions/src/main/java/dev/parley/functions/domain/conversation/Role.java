package dev.parley.functions.domain.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role. Only admins change other people's membership of a group; direct conversations have none. */
public enum Role {
    ADMIN, MEMBER;

    /** The protocol's and the table's spelling: {@code admin} or {@code member}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(role -> role.value().equals(value)).findFirst();
    }
}
