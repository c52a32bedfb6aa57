package dev.parley.functions.domain.conversation;

import dev.parley.model.Limits;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a conversation is stored and delivered (docs/protocol.md, Tiers). A small one keeps its
 * member set in its header and delivers inline; a large one keeps members in rows only, paged
 * through an index, and delivers through the fan-out queue. A group that grows past
 * {@link Limits#MAX_MEMBERS} becomes large and stays large.
 */
public enum Tier {
    SMALL(Limits.MAX_MEMBERS), LARGE(Limits.MAX_LARGE_MEMBERS);

    private final int maxMembers;

    Tier(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    public int maxMembers() {
        return maxMembers;
    }

    /** The protocol's and the table's spelling: {@code small} or {@code large}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> of(String value) {
        return Arrays.stream(values()).filter(tier -> tier.value().equals(value)).findFirst();
    }
}
