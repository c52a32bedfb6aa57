package dev.parley.functions.domain.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A conversation between exactly two users, or a group with admins. */
public enum Kind {
    DIRECT, GROUP;

    /** The protocol's and the table's spelling: {@code direct} or {@code group}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> of(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value().equals(value)).findFirst();
    }
}
