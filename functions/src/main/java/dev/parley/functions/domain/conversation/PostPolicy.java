package dev.parley.functions.domain.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may send messages to a group: {@code everyone} (the default), or only its {@code admins} (an announcement group). */
public enum PostPolicy {
    EVERYONE, ADMINS;

    /** The protocol's and the header's spelling. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PostPolicy> of(String value) {
        return Arrays.stream(values()).filter(policy -> policy.value().equals(value)).findFirst();
    }
}
